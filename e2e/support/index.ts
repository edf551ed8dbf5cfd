// Everything a spec needs: `import { test, expect, openEditor, ... } from './support';`
export { test, expect, staysOnThisMachine } from './fixtures';
export {
  openEditor,
  waitForEditor,
  blockPalette,
  scriptArea,
  paletteCategory,
  paletteButton,
  paletteBlock,
  dropdownItems,
  addImageModelExtension,
  openTrainer,
  chooseEditorLanguage,
  loadProjectFromComputer,
  saveToComputer,
  clearStorageAndReload,
} from './editor';
export { sharedDir, signDigitPhotos, type Digit } from './shared-data';
export { fakeCamera, FAKE_WEBCAM_DIGIT } from './camera';
