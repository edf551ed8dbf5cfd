// What "Save as a web page" fetches from our own server: the game page's template and the base model the editor
// itself loads (editor/engine-init-options.ts). The offline copy keeps them once fetched (editor/offline/).
import { ENGINE_INIT_OPTIONS } from '../engine-init-options';

export const GAME_PAGE_TEMPLATE_URL = './web-page/game-page.html';

export interface PlayerParts {
  readonly template: string;
  readonly baseModel: { readonly json: Uint8Array<ArrayBuffer>; readonly weights: Uint8Array<ArrayBuffer> };
}

/** A part could not be fetched; `offline` when the browser knows it has no network (then it was never kept). */
export class PlayerPartsUnavailable extends Error {
  constructor(
    readonly offline: boolean,
    detail: string,
  ) {
    super(detail);
  }
}

async function fetchBytes(url: URL): Promise<Uint8Array<ArrayBuffer>> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new PlayerPartsUnavailable(!navigator.onLine, `${url.href}: ${(error as Error).message}`);
  }
  if (!response.ok) throw new PlayerPartsUnavailable(false, `${url.href}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

function baseModelJsonUrl(page: string): URL {
  const source = ENGINE_INIT_OPTIONS.sources.find((candidate) => candidate.kind === 'backbone');
  if (!source) throw new PlayerPartsUnavailable(false, 'the editor names no base model of its own');
  return new URL(source.url, page);
}

export async function fetchPlayerParts(page: string = document.baseURI): Promise<PlayerParts> {
  const jsonUrl = baseModelJsonUrl(page);
  const [template, json] = await Promise.all([fetchBytes(new URL(GAME_PAGE_TEMPLATE_URL, page)), fetchBytes(jsonUrl)]);
  const manifest = (JSON.parse(new TextDecoder().decode(json)) as { weightsManifest?: { paths?: string[] }[] }).weightsManifest;
  const weightsPath = manifest?.[0]?.paths?.[0];
  if (typeof weightsPath !== 'string') throw new PlayerPartsUnavailable(false, `${jsonUrl.href} names no weights`);
  const weights = await fetchBytes(new URL(weightsPath, jsonUrl));
  return { template: new TextDecoder().decode(template), baseModel: { json, weights } };
}
