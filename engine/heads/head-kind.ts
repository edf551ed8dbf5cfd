// What a head kind declares about itself without tfjs (so the main thread can use it): its settings with their
// defaults and limits, the trainer's number inputs, how a model file describes its head (read and checked) with
// the tensors it stores, and its head as layers Teachable Machine's library runs. Its tfjs half (train, load) is a
// HeadRuntime (runtimes.ts); both are listed once, in kinds.ts and runtimes.ts.
import type * as v from 'valibot';
import type { SettingLimit } from '../schema';
import type { HeadDescription, HeadKind, HeadKinds, HeadLayerSpec, HeadSettings, WeightSpec } from '../types';

export type HeadSettingsOf<K extends HeadKind> = Extract<HeadSettings, { readonly kind: K }>;
export type HeadDescriptionOf<K extends HeadKind> = Extract<HeadDescription, { readonly kind: K }>;

/**
 * The words of the trainer's number inputs (each kind registers its own `labels` in engine/types.ts `HeadKinds`):
 * locales/<language>/trainer.json has trainer.setting.<label> and trainer.setting.<label>Help for each (the
 * trainer's typed message keys check it).
 */
export type SettingLabel = 'validationRate' | HeadKinds[HeadKind]['labels'];

/** The fields of one kind's settings that hold a number. */
export type NumberField<K extends HeadKind> = {
  [F in keyof HeadSettingsOf<K>]-?: HeadSettingsOf<K>[F] extends number ? F : never;
}[keyof HeadSettingsOf<K>] &
  string;

/** One number input of the trainer's "Advanced" part. */
export interface NumberSetting<K extends HeadKind> {
  readonly field: NumberField<K>;
  readonly label: HeadKinds[K]['labels'];
  readonly limit: SettingLimit;
  readonly step: number;
}

export interface HeadKindSpec<K extends HeadKind> {
  readonly kind: K;
  readonly defaults: HeadSettingsOf<K>;
  /** Checks settings of this kind and keeps only their known fields; its entries check one field each. */
  readonly schema: v.GenericSchema<unknown, HeadSettingsOf<K>> & { readonly entries: v.ObjectEntries };
  readonly numbers: readonly NumberSetting<K>[];
  /** Epochs the progress bar counts to. */
  totalEpochs(settings: HeadSettingsOf<K>): number;
  /**
   * A model file's head of this kind, read and checked against its classes and the settings it was trained with;
   * throws ModelFormatError (engine/model-format/model-format-error.ts).
   */
  readDescription(head: Readonly<Record<string, unknown>>, classCount: number, settings: HeadSettingsOf<K>): HeadDescriptionOf<K>;
  /** The tensors the model file stores, in order, derived from the description and the feature source's size. */
  weightSpecs(head: HeadDescriptionOf<K>, features: number): WeightSpec[];
  /** The head as the plain layers Teachable Machine's library runs (engine/interchange/export-model.ts writes them). */
  portableLayers(head: HeadDescriptionOf<K>, tensors: readonly Float32Array[]): PortableLayer[];
  /** Written into the exported metadata when those layers only approximate the head. */
  readonly exportNote?: string;
}

/** One layer of an exported head with its tensors, in tfjs's order within a layer (`part`: kernel, bias, gamma, ...). */
export interface PortableLayer {
  readonly layer: HeadLayerSpec;
  readonly weights: readonly { readonly part: string; readonly shape: readonly number[]; readonly values: Float32Array }[];
}
