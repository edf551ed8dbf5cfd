// The hostile-input suite's case runner: every case is a named node:test test with a time bound (a hang fails
// it), and each test file prints "hostile inputs: N passed, N failed" once its cases have run.
import { after, test } from 'node:test';

/** Generous bound per case: a reader that loops or inflates without end fails instead of hanging the suite. */
const CASE_TIMEOUT_MS = 60_000;

export interface HostileCase {
  /** What the case checks, in words: "<input> -> <expected outcome>". */
  readonly name: string;
  readonly run: () => Promise<void> | void;
}

/** Registers `cases` as tests of this file and prints the part's summary line after the last one. */
export function hostileCases(part: string, cases: readonly HostileCase[]): void {
  const names = new Set<string>();
  let passed = 0;
  let failed = 0;
  for (const hostile of cases) {
    if (names.has(hostile.name)) throw new Error(`two hostile cases are named "${hostile.name}"`);
    names.add(hostile.name);
    test(`${part}: ${hostile.name}`, { timeout: CASE_TIMEOUT_MS }, async () => {
      try {
        await hostile.run();
        passed++;
      } catch (error) {
        failed++;
        throw error;
      }
    });
  }
  after(() => {
    // Timed-out cases never reach the catch above: count them as failed too.
    failed = cases.length - passed;
    process.stdout.write(`hostile inputs: ${passed} passed, ${failed} failed (${part})\n`);
  });
}

/** Own keys of Object.prototype, to compare before and after a case (prototype pollution). */
export function prototypeSnapshot(): string {
  return [Object.prototype, Array.prototype, Function.prototype]
    .map((proto) => Reflect.ownKeys(proto).map(String).sort().join(','))
    .join('|');
}
