// The training settings the child may change in the trainer's "Advanced" part and the Lab, checked field by field
// against the engine's own schema, so a value the engine would refuse is refused in the trainer, with a message,
// before any training. Each head kind keeps its values while another is chosen (`otherHeads`), so a child who
// switches kind and back finds what they set.
import * as v from 'valibot';
import {
  HEAD_KIND_SPECS,
  HEAD_KINDS,
  type HeadKind,
  type HeadSettings,
  isHeadKind,
  isRecord,
  isValidStopAtAccuracy,
  isWithin,
  MAX_SAVED_STACK_LAYERS,
  migrateSettings,
  type TrainingSettings,
  VALIDATION_RATE_LIMIT,
} from '../engine';

export interface SettingChanges {
  /** Train with this kind from now on; the values it had last come back. */
  readonly kind?: HeadKind;
  /** New values for fields of one kind's settings (`kind` absent: the chosen kind's), whether it is chosen or not. */
  readonly head?: Partial<HeadSettings>;
  readonly validationRate?: number;
  /** Present with the value undefined: early stopping off. */
  readonly stopAtAccuracy?: number;
}

/** `start` with each valid field of `fields`; an invalid or missing value keeps the one in `start`. */
function withFields(start: HeadSettings, fields: Record<string, unknown>): HeadSettings {
  const next: Record<string, unknown> = { ...start };
  for (const [name, schema] of Object.entries(HEAD_KIND_SPECS[start.kind].schema.entries)) {
    const value = fields[name];
    // The only list a kind's settings hold is a block stack.
    if (name === 'kind' || value === undefined || (Array.isArray(value) && value.length > MAX_SAVED_STACK_LAYERS)) continue;
    const parsed = v.safeParse(schema, value);
    if (parsed.success) next[name] = parsed.output;
  }
  // Each field passed its own part of the kind's schema.
  return next as unknown as HeadSettings;
}

/** Applies the valid changes only; an invalid or missing value keeps the one in `base`. */
export function applySettingChanges(base: TrainingSettings, changes: SettingChanges | undefined): TrainingSettings {
  const fields: unknown = changes?.head;
  const changedKind = isRecord(fields) && isHeadKind(fields.kind) ? fields.kind : base.head.kind;
  const kept = [base.head, ...(base.otherHeads ?? [])];
  const heads = HEAD_KINDS.map((kind) => {
    const start = kept.find((head) => head.kind === kind) ?? HEAD_KIND_SPECS[kind].defaults;
    return kind === changedKind && isRecord(fields) ? withFields(start, fields) : start;
  });
  const chosen = isHeadKind(changes?.kind) ? changes.kind : base.head.kind;
  const validationRate = changes?.validationRate;
  let stopAtAccuracy = base.stopAtAccuracy;
  if (changes && 'stopAtAccuracy' in changes) {
    const target = changes.stopAtAccuracy;
    if (target === undefined) stopAtAccuracy = undefined;
    else if (typeof target === 'number' && isValidStopAtAccuracy(target)) stopAtAccuracy = target;
  }
  return {
    validationRate:
      typeof validationRate === 'number' && isWithin(VALIDATION_RATE_LIMIT, validationRate) ? validationRate : base.validationRate,
    ...(stopAtAccuracy !== undefined && { stopAtAccuracy }),
    head: heads.find((head) => head.kind === chosen) ?? base.head,
    otherHeads: heads.filter((head) => head.kind !== chosen),
  };
}

/** Settings saved by this or an earlier version (store, project), as this version accepts them: `defaults` where a value is missing or refused. */
export function restoreSettings(defaults: TrainingSettings, saved: unknown): TrainingSettings {
  const migrated = migrateSettings(saved);
  if (!isRecord(migrated)) return defaults;
  const others = Array.isArray(migrated.otherHeads) ? migrated.otherHeads : [];
  // Saved values are checked field by field; only the saved chosen kind is chosen.
  const restored = [...others, migrated.head].reduce<TrainingSettings>((settings, head) => {
    if (!isRecord(head) || !isHeadKind(head.kind)) return settings;
    return applySettingChanges(settings, { head: head as Partial<HeadSettings>, ...(head === migrated.head && { kind: head.kind }) });
  }, defaults);
  return applySettingChanges(restored, {
    ...(typeof migrated.validationRate === 'number' && { validationRate: migrated.validationRate }),
    ...('stopAtAccuracy' in migrated && typeof migrated.stopAtAccuracy === 'number' && { stopAtAccuracy: migrated.stopAtAccuracy }),
  });
}
