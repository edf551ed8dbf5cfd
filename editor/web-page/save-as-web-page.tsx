// File → "Save as a web page": the project as the editor saves it, made into a game's (project-file's checks,
// no pictures), put into the game page with the player parts from our server, and downloaded as
// "<project title>.html". Loaded on demand (editor/app.tsx): nothing of it is in the editor's first chunks.
import JSZip from 'jszip';
import { createRoot } from 'react-dom/client';
import { getLocale, t } from '../../locales';
import { safeFileName } from '../../model-service';
import { downloadFile } from '../../modal-ui/sharing/download';
import { makeGameProject, problemMessageKey, type ProjectModelProblem } from '../../project-file';
import { writeGamePage } from './game-page-writer';
import { fetchPlayerParts, PlayerPartsUnavailable } from './player-parts';
import { WebPageNotice } from './web-page-notice';
import { createWebPageStatus, type WebPageStatus } from './web-page-status';

export interface WebPageHost {
  /** The .sb3 as File → "Save to your computer" writes it, with the project's models. */
  saveProject(): Promise<Blob>;
  /** The project's title as the editor shows it. */
  title(): string;
  /** Where the bar goes (beside our overlay layer). */
  readonly notices: HTMLElement;
}

let status: WebPageStatus | null = null;

function statusBar(notices: HTMLElement): WebPageStatus {
  if (status) return status;
  const created = createWebPageStatus();
  const slot = document.createElement('div');
  notices.append(slot);
  createRoot(slot).render(<WebPageNotice status={created} />);
  status = created;
  return created;
}

/** The game's .sb3, or why project-file refuses its models. */
async function gameProject(sb3: Blob): Promise<{ readonly bytes: Uint8Array<ArrayBuffer> } | { readonly refused: ProjectModelProblem }> {
  const zip = await JSZip.loadAsync(sb3);
  const projectJson = JSON.parse((await zip.file('project.json')?.async('string')) ?? 'null') as Record<string, unknown>;
  const problem = await makeGameProject(projectJson, zip);
  if (problem) return { refused: problem };
  zip.file('project.json', JSON.stringify(projectJson));
  // Stored, not deflated: the page compresses the whole part once.
  return { bytes: new Uint8Array(await zip.generateAsync({ type: 'arraybuffer' })) };
}

export async function saveAsWebPage(host: WebPageHost): Promise<void> {
  const bar = statusBar(host.notices);
  if (bar.current()?.kind === 'saving') return;
  bar.set({ kind: 'saving' });
  try {
    const [sb3, parts] = await Promise.all([host.saveProject(), fetchPlayerParts()]);
    const project = await gameProject(sb3);
    if ('refused' in project) {
      bar.set({ kind: 'failed', message: 'webPage.refused', reason: problemMessageKey(project.refused) });
      return;
    }
    const title = safeFileName(host.title(), t('webPage.defaultTitle'));
    const html = await writeGamePage({
      template: parts.template,
      project: project.bytes,
      baseModel: parts.baseModel,
      title,
      lang: getLocale(),
      words: {
        start: t('webPage.gameStart'),
        stop: t('webPage.gameStop'),
        loading: t('webPage.gameLoading'),
        failed: t('webPage.gameFailed'),
      },
    });
    downloadFile(`${title}.html`, new TextEncoder().encode(html), 'text/html');
    bar.set({ kind: 'saved' });
  } catch (error) {
    console.warn('[image-model] the web page could not be saved', error);
    bar.set({ kind: 'failed', message: error instanceof PlayerPartsUnavailable && error.offline ? 'webPage.offline' : 'webPage.failed' });
  }
}
