// The one set of rules for class and model names, wherever a name comes from: the trainer, an opened project or
// an imported model. The blocks choose classes and models by name, so two names must never differ only by case
// or spaces, and none may be blank. Plain data, no words of its own (callers pass the locale's default names),
// so the project reader, the importer and the model service can all use it without loading tfjs.
import { MODEL_LIMITS } from './model-format/model-limits';

/** Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they can make text read backwards. */
const DIRECTION_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

export function withoutDirectionControls(text: string): string {
  return text.replace(DIRECTION_CONTROLS, '');
}

/**
 * A name as it is kept: composed (NFC, so "é" typed two ways is one name, as the blocks compare names), no
 * direction controls, runs of white space as one space, none at either end.
 */
export function cleanName(name: string): string {
  return withoutDirectionControls(name.normalize('NFC')).replace(/\s+/g, ' ').trim();
}

export type NameProblem = 'empty' | 'taken';

/** What two names must not share: the clean name, ignoring case. */
export const nameKey = (name: string) => cleanName(name).toLocaleLowerCase();

const sameName = (a: string, b: string) => nameKey(a) === nameKey(b);

/** Why `name` (already clean) cannot be used beside `others`, or null. */
export function nameProblem(name: string, others: readonly string[]): NameProblem | null {
  if (name.length === 0) return 'empty';
  return others.some((other) => sameName(other, name)) ? 'taken' : null;
}

/** `name`, or `name (2)`, `name (3)`… when one of `taken` already has it; never longer than a model file allows. */
export function uniqueName(name: string, taken: readonly string[]): string {
  let unique = name;
  for (let n = 2; nameProblem(unique, taken); n++) {
    const suffix = ` (${n})`;
    unique = `${name.slice(0, MODEL_LIMITS.textLength - suffix.length).trimEnd()}${suffix}`;
  }
  return unique;
}

/** A name that had to change so that the blocks can tell it apart (the notices list them). */
export interface NameChange {
  readonly kind: 'class' | 'model';
  /** As it was in the file, without direction controls; may be empty. */
  readonly from: string;
  readonly to: string;
  /** A class's model (its name as repaired), so a notice about a project of several models can say which. */
  readonly model?: string;
}

/**
 * The names of one list made usable, in order: each cleaned, a blank one given `fallback(position)` (1-based)
 * and a repeat (ignoring case and spaces) of an earlier one or of `taken` numbered, as the trainer does.
 */
export function repairNames(names: readonly string[], fallback: (position: number) => string, taken: readonly string[] = []): string[] {
  const kept: string[] = [...taken];
  return names.map((name, index) => {
    const unique = uniqueName(cleanName(name) || cleanName(fallback(index + 1)), kept);
    kept.push(unique);
    return unique;
  });
}

/** What `repairNames` changed, as notices list it. A name whose only change was white space is not news. */
export function nameChanges(kind: NameChange['kind'], before: readonly string[], after: readonly string[]): NameChange[] {
  return before.flatMap((name, i) => {
    const visible = withoutDirectionControls(name.normalize('NFC'));
    return visible.replace(/\s+/g, ' ').trim() === after[i] ? [] : [{ kind, from: visible.trim(), to: after[i] }];
  });
}
