// Recognises camera frames one after another: grab a frame, wait for its answer, wait out the rest of the
// interval, repeat. A frame is only grabbed once the previous answer is in, so requests never pile up in the
// engine's worker however slow it is (frames in between are simply never taken).
import type { RgbaImage } from '../../engine';

export interface LiveRecognitionOptions {
  /** A frame to recognise, or null while the camera is not ready yet. */
  grabFrame(): RgbaImage | null;
  /** Recognises one frame; resolves false when recognising failed and the loop should stop. */
  recognize(frame: RgbaImage): Promise<boolean>;
}

/** How long to wait for a camera that is still starting before looking again. */
const CAMERA_WAIT_MS = 50;

export class LiveRecognition {
  private running = false;
  private intervalMs = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** True while a frame is with the engine: the loop goes on from there instead of starting a second one. */
  private inFlight = false;

  constructor(private readonly options: LiveRecognitionOptions) {}

  get isRunning(): boolean {
    return this.running;
  }

  /** Starts (or re-times) the loop; the first frame is taken at once. */
  start(intervalSeconds: number): void {
    this.intervalMs = Math.max(0, intervalSeconds) * 1000;
    if (this.running) return;
    this.running = true;
    if (!this.inFlight) this.schedule(0);
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.step(), delayMs);
  }

  private async step(): Promise<void> {
    this.timer = undefined;
    if (!this.running) return;
    const started = Date.now();
    const frame = this.options.grabFrame();
    if (!frame) {
      this.schedule(Math.max(CAMERA_WAIT_MS, this.intervalMs));
      return;
    }
    this.inFlight = true;
    const keepGoing = await this.options.recognize(frame).catch(() => false);
    this.inFlight = false;
    if (!keepGoing) this.stop();
    if (this.running) this.schedule(Math.max(0, this.intervalMs - (Date.now() - started)));
  }
}
