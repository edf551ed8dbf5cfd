// A local HTTP server for the shared models, so tests load the backbone through the real HTTP code path.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { TEACHABLE_MACHINE_NO_TOP_URL } from '../base-model';
import { BACKBONE_FOLDER, NO_TOP_FOLDER, sharedModelsDir } from './shared-data';

/** The folder of Teachable Machine's no-top model on Google's host, served here with the shared copy. */
export const TEACHABLE_MACHINE_NO_TOP_PATH = new URL('.', TEACHABLE_MACHINE_NO_TOP_URL).pathname;

export interface ModelServer {
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  /** Our layout's model.json. */
  readonly backboneUrl: string;
  /** Teachable Machine's layout, under the same path as on Google's host. */
  readonly noTopUrl: string;
  /** Every path requested so far. */
  readonly requests: string[];
  close(): Promise<void>;
}

/**
 * Serves ../shared/models/<folder>/ at /models/<folder>/ and the no-top model also under Teachable Machine's
 * path. `overrides` answers given paths with given bytes (e.g. tampered weights) instead.
 */
export async function startModelServer(overrides: Record<string, Uint8Array> = {}): Promise<ModelServer> {
  const modelsDir = sharedModelsDir();
  const requests: string[] = [];
  const server = createServer(async (request, response) => {
    const urlPath = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    requests.push(urlPath);
    const override = overrides[urlPath];
    if (override) {
      response.writeHead(200).end(override);
      return;
    }
    const relative = urlPath.startsWith(TEACHABLE_MACHINE_NO_TOP_PATH)
      ? path.join(NO_TOP_FOLDER, urlPath.slice(TEACHABLE_MACHINE_NO_TOP_PATH.length))
      : urlPath.replace(/^\/models\//, '');
    const file = path.resolve(modelsDir, relative);
    if (!file.startsWith(modelsDir + path.sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': file.endsWith('.json') ? 'application/json' : 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    backboneUrl: `${origin}/models/${BACKBONE_FOLDER}/model.json`,
    noTopUrl: `${origin}${TEACHABLE_MACHINE_NO_TOP_PATH}model.json`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
