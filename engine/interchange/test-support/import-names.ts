// The words the trainer passes to importModelFiles, in English, for tests of the importer.
import type { ImportNames } from '../import-model';

export const TEST_IMPORT_NAMES: ImportNames = { model: 'Imported', className: (position) => `Class ${position}` };
