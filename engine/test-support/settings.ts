// Training settings for tests, written the short way: the defaults with a head kind and a few values changed.
import { HEAD_KIND_SPECS } from '../heads/kinds';
import { DEFAULT_TRAINING_SETTINGS } from '../training-settings';
import type { DenseSettings } from '../heads/dense-kind';
import type { KnnSettings } from '../heads/knn-kind';
import type { HeadKind, HeadSettings, TrainingSettings } from '../types';

export type SettingsPatch = Partial<Omit<TrainingSettings, 'head' | 'otherHeads'>> & { readonly kind?: HeadKind } & Partial<
    Omit<KnnSettings, 'kind'>
  > &
  Partial<Omit<DenseSettings, 'kind'>>;

/** Fields of another kind than `kind` are ignored, as the engine would. */
export function settingsWith({ kind = 'dense', validationRate, stopAtAccuracy, ...head }: SettingsPatch = {}): TrainingSettings {
  const defaults = HEAD_KIND_SPECS[kind].defaults;
  const known = Object.fromEntries(
    Object.entries(head).filter(([name]) => name in defaults || (name === 'hiddenLayers' && kind === 'dense')),
  );
  return {
    validationRate: validationRate ?? DEFAULT_TRAINING_SETTINGS.validationRate,
    ...(stopAtAccuracy !== undefined && { stopAtAccuracy }),
    head: { ...defaults, ...known } as HeadSettings,
  };
}
