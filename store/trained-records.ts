// Trained-version records as IndexedDB holds them. Versions before the head kinds wrote the model's settings as one
// flat bag; today's readers (the model card among them) expect `head`, so a record is read with its settings migrated.
import { migrateSettings, type TrainingSettings } from '../engine';
import type { TrainedVersion } from './types';

export function readTrainedRecord(record: TrainedVersion): TrainedVersion {
  const { metadata } = record.model;
  const settings = migrateSettings(metadata.settings) as TrainingSettings;
  return settings === metadata.settings ? record : { ...record, model: { ...record.model, metadata: { ...metadata, settings } } };
}
