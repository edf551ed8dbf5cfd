// The page: the official Scratch editor, with Image Model hooked into its VM, and our overlay layer (trainer,
// picture popup) in a React root of its own above it.
import GUI, { AppStateHOC } from '@scratch/scratch-gui';
import { createRoot } from 'react-dom/client';
import { startImageModel } from './app';
import { startOffline } from './offline/register-offline';
import type { ScratchVm } from './vm/scratch-vm';
import './host.css';

function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`index.html has no #${id}`);
  return found;
}

const editorElement = element('editor');
const overlayElement = element('image-model-overlays');

// The GUI hides the editor from screen readers while one of its own modals is open.
GUI.setAppElement(editorElement);
const Editor = AppStateHOC(GUI);

// The offline copy (service worker) starts with the page, before the editor is drawn.
const offline = startOffline(window.location.search);

const hookedVms = new WeakSet<ScratchVm>();
const onVmInit = (vm: ScratchVm) => {
  // The GUI keeps one VM for the page; should it mount again, that VM already has our hooks.
  if (hookedVms.has(vm)) return;
  hookedVms.add(vm);
  startImageModel(vm, { editor: editorElement, overlays: overlayElement, search: window.location.search }, offline.attachModelService);
};

// projectId "0" makes the GUI load its default project; without it the stage stays empty.
createRoot(editorElement).render(<Editor projectId="0" canSave={false} canEditTitle onVmInit={onVmInit} />);
