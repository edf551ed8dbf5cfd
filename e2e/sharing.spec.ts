// Sharing in the real editor. The model service and the composition root do not call the project-storage hooks
// yet (see editor/vm/project-storage-hooks.ts), so this covers what holds regardless of that wiring: a .sb3 that
// carries Image Model's models — one of them damaged — opens through "Load from your computer" like any project,
// with its sprite, its Image Model blocks and no error in the page.
import JSZip from 'jszip';
import { recognizeProjectSb3, SPRITE_NAME } from './fixtures/recognize-project';
import { CLASSES, projectModel } from '../project-file/test-support/projects';
import { writeModelsIntoProject } from '../project-file';
import { expect, loadProjectFromComputer, openEditor, paletteCategory, test } from './support';

/** The block-test project plus two models in our storage: a good KNN model and a dense one with NaN weights. */
async function projectWithModels(): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await recognizeProjectSb3(CLASSES[0].name));
  const projectJson = JSON.parse(await zip.file('project.json')!.async('string'));
  const broken = projectModel('0badbadbadbadbadbadbad0', 'dense', 2);
  new Float32Array(broken.trained!.weights)[42] = Number.NaN;
  writeModelsIntoProject(projectJson, zip, {
    models: [projectModel('0a1b2c3d4e5f60718293a4b5', 'knn', 1), broken], activeModelId: '0a1b2c3d4e5f60718293a4b5', includePictures: false,
  });
  zip.file('project.json', JSON.stringify(projectJson));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

test('a project carrying models, one of them damaged, opens with its sprite and Image Model blocks', async ({ page }) => {
  await openEditor(page);
  await loadProjectFromComputer(page, 'shared-models.sb3', await projectWithModels());
  await expect(page.locator('[class*="sprite-selector-item_sprite-name"]', { hasText: SPRITE_NAME })).toBeVisible();
  await expect(paletteCategory(page, 'Image Model')).toBeVisible();
});
