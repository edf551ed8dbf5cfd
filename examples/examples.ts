// The ready-made example projects in this folder: file names, model names and class names, shared by the
// generator (scripts/make-examples.ts), the unit test (examples.test.ts) and the editor test (e2e/examples.spec.ts).
import path from 'node:path';

export const EXAMPLES_DIR = __dirname;

/**
 * The sign-digit photo folder (0-4) each hand-sign class learns from; null for the empty view with no hand, made
 * from the photos' backgrounds (examples/test-support/empty-views.ts).
 */
export interface SignClass {
  readonly name: string;
  readonly digit: 0 | 1 | 2 | 3 | 4 | null;
}

export const ROCK_PAPER_SCISSORS = {
  file: 'rock-paper-scissors.sb3',
  modelName: 'hand signs',
  classes: [
    { name: 'rock', digit: 0 },
    { name: 'paper', digit: 4 },
    { name: 'scissors', digit: 2 },
  ] satisfies readonly SignClass[],
  variables: { you: 'you', computer: 'computer', winner: 'winner', yourScore: 'your score', myScore: 'my score' },
  winnerText: { tie: 'tie', you: 'you win', computer: 'computer wins' },
} as const;

/** The finger counter's class for a view with no hand in it, which would otherwise be taken for some sign. */
const NOTHING = 'nothing';

export const FINGER_COUNTER = {
  file: 'finger-counter.sb3',
  modelName: 'fingers',
  classes: [...[0, 1, 2, 3, 4].map((digit) => ({ name: String(digit), digit })), { name: NOTHING, digit: null }] as readonly SignClass[],
  nothing: NOTHING,
  variables: { total: 'total', seen: 'I saw' },
  /** The total the child tries to reach exactly. */
  goal: 10,
} as const;

export const WHAT_DID_I_DRAW = {
  file: 'what-did-i-draw.sb3',
  modelName: 'shapes',
  classes: ['circle', 'square', 'triangle', 'line'],
  variables: { guess: 'my guess' },
} as const;

export const EXAMPLE_FILES = [ROCK_PAPER_SCISSORS, FINGER_COUNTER, WHAT_DID_I_DRAW].map((example) => ({
  file: example.file,
  path: path.join(EXAMPLES_DIR, example.file),
  modelName: example.modelName,
  classNames: example.classes.map((entry) => (typeof entry === 'string' ? entry : entry.name)),
}));

/**
 * Each model learnt from this many pictures per class, and they travel inside the .sb3 (small JPEGs), so a child
 * can add their own pictures beside them and train again. For the hand signs they are photos 0-19 of each digit.
 */
export const PICTURES_PER_CLASS = 20;
/** Photos from here on (30-39 of each digit) are never in an example: they check the models. */
export const FIRST_HELD_OUT_PHOTO = 30;
