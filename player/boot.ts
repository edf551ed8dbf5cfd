// The game page's first script (inline, uncompressed): unpacks TurboWarp's player (scaffolding) and our extension
// from the page's parts, starts the stage, loads the extension unsandboxed (our popups are windows on the page),
// then the project, and gives the child the green flag and the stop sign. It needs nothing from any network.
import english from '../locales/en/web-page.json';
import { dataUrl, readPart, readWords, type GamePageWords, type PartName } from './game-page-format';
import type { Scaffolding, ScaffoldingGlobal } from './scaffolding-api';

declare global {
  interface Window {
    Scaffolding?: ScaffoldingGlobal;
  }
}

const STAGE_WIDTH = 480;
const STAGE_HEIGHT = 360;

async function scriptUrl(name: PartName): Promise<string> {
  return URL.createObjectURL(new Blob([await readPart(name)], { type: 'text/javascript' }));
}

function runScript(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = url;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`the script ${url} did not run`));
    document.head.append(script);
  });
}

function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page has no #${id}`);
  return found;
}

async function startGame(words: GamePageWords): Promise<Scaffolding> {
  await runScript(await scriptUrl('scaffolding'));
  const player = window.Scaffolding;
  if (!player) throw new Error('the player did not start');
  const scaffolding = new player.Scaffolding();
  scaffolding.width = STAGE_WIDTH;
  scaffolding.height = STAGE_HEIGHT;
  scaffolding.setup();
  scaffolding.appendTo(element('stage'));
  // What TurboWarp's "Run without sandbox" does for a custom extension.
  scaffolding.vm.securityManager.getSandboxMode = () => Promise.resolve('unsandboxed');
  // The project lists our extension by its id only: loaded first, the project's load finds it there. TurboWarp
  // loads extensions from http(s), file and data: addresses only.
  await scaffolding.vm.extensionManager.loadExtensionURL(await dataUrl(await readPart('player'), 'text/javascript'));
  await scaffolding.loadProject(await readPart('project'));
  const start = element('start');
  const stop = element('stop');
  start.setAttribute('aria-label', words.start);
  start.title = words.start;
  stop.setAttribute('aria-label', words.stop);
  stop.title = words.stop;
  start.addEventListener('click', () => scaffolding.greenFlag());
  stop.addEventListener('click', () => scaffolding.stopAll());
  start.hidden = false;
  stop.hidden = false;
  return scaffolding;
}

// The editor writes the words in the child's language; a page without them (damaged) falls back to English.
const words = readWords() ?? { start: english.gameStart, stop: english.gameStop, loading: english.gameLoading, failed: english.gameFailed };
const status = element('status');
status.textContent = words.loading;
startGame(words).then(
  () => {
    status.textContent = '';
  },
  (error: unknown) => {
    console.error('[image-model] the game could not start', error);
    status.textContent = words.failed;
    status.setAttribute('role', 'alert');
  },
);
