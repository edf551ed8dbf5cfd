// What a head kind declares about itself without tfjs (so the main thread can use it): its settings with their
// defaults and limits, the trainer's number inputs, and the tensors its model file stores. Its tfjs half (train,
// load) is a HeadRuntime (runtimes.ts); both are listed once, in kinds.ts and runtimes.ts.
import type * as v from 'valibot';
import type { SettingLimit } from '../schema';
import type { HeadDescription, HeadKind, HeadSettings, WeightSpec } from '../types';

export type HeadSettingsOf<K extends HeadKind> = Extract<HeadSettings, { readonly kind: K }>;
export type HeadDescriptionOf<K extends HeadKind> = Extract<HeadDescription, { readonly kind: K }>;

/**
 * The words of the trainer's number inputs: locales/<language>/trainer.json has trainer.setting.<label> and
 * trainer.setting.<label>Help for each (the trainer's typed message keys check it).
 */
export type SettingLabel = 'epochs' | 'batchSize' | 'learningRate' | 'knnK' | 'validationRate';

/** One number input of the trainer's "Advanced" part. */
export interface NumberSetting<K extends HeadKind> {
  readonly field: Exclude<keyof HeadSettingsOf<K>, 'kind'> & string;
  readonly label: SettingLabel;
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
  /** The tensors the model file stores, in order, derived from the description alone. */
  weightSpecs(head: HeadDescriptionOf<K>): WeightSpec[];
}
