/** "Hold to record" takes this many pictures per second: enough variety, not a flood of near-copies. */
export const BURST_PER_SECOND = 4;
