// Models in and out as files: Teachable Machine's image-model layout (export) and TM's or our files (import).
export { exportModelFiles, exportModelZip, type BackboneArtifacts, type ExportedFile } from './export-model';
export { importModelFiles, IMPORT_LIMITS, type ImportedModel, type ImportFile, type ImportNames } from './import-model';
export { IMPORT_PROBLEMS, ImportError, importMessageKey, isImportError, type ImportProblem } from './import-errors';
export { FILE_NAMES } from './teachable-machine-layout';
