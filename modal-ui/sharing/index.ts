// The trainer's sharing parts: the project's models, pictures in the .sb3, export and import.
export { ModelsPanel } from './models-panel';
export { OpenedProjectNotice } from './opened-project-notice';
export { SharePanel } from './share-panel';
