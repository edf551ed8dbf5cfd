// Downloads a tfjs layers model (model.json + its weight files) over HTTP. Written here rather than using
// tf.io.http so that "the server did not answer" (unreachable) and "it answered with something broken"
// (invalid) stay distinguishable for the child's error message.
import type * as tf from '@tensorflow/tfjs';
import { EngineError } from '../errors';

interface ModelJson {
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
}

/** Resolves relative URLs against the worker's or page's address (Node callers pass absolute URLs). */
function absoluteUrl(url: string, base?: string): URL {
  const here = (globalThis as { location?: { href: string } }).location?.href;
  try {
    return new URL(url, base ?? here);
  } catch {
    throw new EngineError('base-model/unreachable', `${url} is not a valid address`);
  }
}

async function get(url: URL): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url.href);
  } catch (error) {
    throw new EngineError('base-model/unreachable', `${url.href}: ${(error as Error).message}`);
  }
  if (!response.ok) throw new EngineError('base-model/unreachable', `${url.href}: HTTP ${response.status}`);
  return response;
}

function parseModelJson(value: unknown, url: string): ModelJson {
  const json = value as Partial<ModelJson> | null;
  const manifestOk =
    Array.isArray(json?.weightsManifest) &&
    json.weightsManifest.every(
      (group) => Array.isArray(group?.paths) && group.paths.every((p) => typeof p === 'string') && Array.isArray(group.weights),
    );
  if (typeof json?.modelTopology !== 'object' || json.modelTopology === null || !manifestOk) {
    throw new EngineError('base-model/invalid', `${url} is not a tfjs layers model.json`);
  }
  return json as ModelJson;
}

/** model.json URL -> ModelArtifacts with all weight files joined in manifest order. */
export async function fetchLayersModelArtifacts(url: string): Promise<tf.io.ModelArtifacts> {
  const jsonUrl = absoluteUrl(url);
  let parsed: unknown;
  const response = await get(jsonUrl);
  try {
    parsed = await response.json();
  } catch {
    throw new EngineError('base-model/invalid', `${jsonUrl.href} is not JSON`);
  }
  const json = parseModelJson(parsed, jsonUrl.href);
  const paths = json.weightsManifest.flatMap((group) => group.paths);
  const parts = await Promise.all(paths.map(async (path) => (await get(absoluteUrl(path, jsonUrl.href))).arrayBuffer()));
  const weightData = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    weightData.set(new Uint8Array(part), offset);
    offset += part.byteLength;
  }
  return {
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
    weightData: weightData.buffer,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
  };
}
