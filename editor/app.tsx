// Composition root: plugs Image Model into the editor's VM. What the editor alone needs is small (the library
// tile, the menu-bar entry, the project hooks); the engine, the model service, the blocks and the trainer
// (editor/image-model-parts.tsx, started by editor/start-editor-parts.ts) are downloaded and started when the extension is first loaded (tile, project,
// paste, the page address or our menu-bar entry), so the editor alone pays nothing for them.
import { isEngineError } from '../engine';
import { EXTENSION_ID } from '../extension/contract';
import { OPEN_TRAINER_BUTTON_FUNC } from '../blocks/block-specs';
import { projectStorageHandlers } from '../model-service/project-storage';
import type { ModelService } from '../model-service';
import type { ImageModelParts } from './image-model-parts';
import { mountMenuBarEntry } from './menu-bar/menu-bar-entry';
import { createOpenState } from './overlays/open-state';
import { createSaveNotice } from './overlays/save-notice';
import { onSaveAsWebPage } from './web-page/file-menu-item';
import { addressAsksForImageModel } from './page-address';
import { extensionAdder } from './vm/add-extension';
import { followEditorLanguage } from './vm/follow-editor-language';
import { routeFlyoutButton } from './vm/flyout-button';
import { installProjectStorageHooks, type ProjectStorageVm } from './vm/project-storage-hooks';
import { registerExtensionOnDemand } from './vm/register-extension';
import type { ScratchVm } from './vm/scratch-vm';

/** The project's title in the GUI's menu bar (project-title-input.jsx, 15.1.1; its hashed class keeps this prefix). */
const PROJECT_TITLE_INPUT = 'input[class*="project-title-input_title-field"]';

/** Where Image Model lives in the page. */
export interface HostPage {
  /** The element the editor renders into (its menu bar gets our entry). */
  readonly editor: HTMLElement;
  /** Our layer above the editor (trainer, picture popup). */
  readonly overlays: HTMLElement;
  /** The address's query, e.g. "?extension=image-model". */
  readonly search: string;
}

/** `onServiceStarted` hears of the model service once the extension starts it (the offline copy's update prompt). */
export function startImageModel(vm: ScratchVm, page: HostPage, onServiceStarted?: (service: ModelService) => void): void {
  const trainer = createOpenState();
  const saveNotice = createSaveNotice();
  let started: ImageModelParts | null = null;
  /** True while "Save as a web page" takes the .sb3: its own bar says what went into the game, not the save notice. */
  let savingWebPage = false;

  // The child's models travel inside the .sb3. Installed when the VM arrives, before any load or save; the model
  // service itself starts later, with the extension.
  const storageVm = vm as unknown as ProjectStorageVm;
  installProjectStorageHooks(storageVm, {
    ...projectStorageHandlers({
      service: () => started?.service ?? null,
      start: () => vm.extensionManager.loadExtensionURL(EXTENSION_ID),
      // scratch-vm lists the extensions a project's blocks use in project.json.
      projectUsesBlocks: () => (JSON.parse(storageVm.toJSON()) as { extensions?: unknown[] }).extensions?.includes(EXTENSION_ID) === true,
    }),
    onSaved: (models) => {
      if (!savingWebPage) saveNotice.saved(models);
    },
    onLoadError: (error) => {
      console.warn("[image-model] the project's models could not be opened", error);
      // Before the parts are in, the failure was their download, and there is no popup to say so in.
      started?.prompt.reportError(isEngineError(error) ? error.code : 'internal');
    },
  });

  registerExtensionOnDemand(vm, EXTENSION_ID, async () => {
    const { startEditorParts } = await import(/* webpackChunkName: "image-model" */ './start-editor-parts');
    started = startEditorParts(vm, { overlays: page.overlays, trainer, saveNotice });
    onServiceStarted?.(started.service);
    return started.extension;
  });
  onSaveAsWebPage(async () => {
    const { saveAsWebPage } = await import(/* webpackChunkName: "web-page" */ './web-page/save-as-web-page');
    await saveAsWebPage({
      async saveProject() {
        savingWebPage = true;
        try {
          // The hooks' onSaved runs before this await returns (it was attached first).
          return (await storageVm.saveProjectSb3()) as Blob;
        } finally {
          savingWebPage = false;
        }
      },
      title: () => page.editor.querySelector<HTMLInputElement>(PROJECT_TITLE_INPUT)?.value ?? '',
      notices: page.overlays.parentElement ?? document.body,
    });
  });
  routeFlyoutButton(vm, OPEN_TRAINER_BUTTON_FUNC, trainer.open);
  followEditorLanguage(vm);

  // Ways in that the cut-off "Add Extension" button of a small screen cannot hide.
  const addImageModel = extensionAdder(vm, EXTENSION_ID);
  mountMenuBarEntry(page.editor, () => void addImageModel().then(trainer.open));
  if (addressAsksForImageModel(page.search)) void addImageModel();
}
