// A tfjs model-storage scheme "memory://" for Node tests of the backbone cache (IndexedDB's stand-in).
import * as tf from '@tensorflow/tfjs';

const SCHEME = 'memory://';
const stored = new Map<string, tf.io.ModelArtifacts>();
let registered = false;

/** Registers memory:// with tfjs's storage routers once; returns the map so tests can inspect or tamper with it. */
export function useMemoryModelStorage(): Map<string, tf.io.ModelArtifacts> {
  if (!registered) {
    registered = true;
    // tfjs's router type says IOHandler, but routers return null for URLs that are not theirs.
    const handler = ((url: string | string[]): tf.io.IOHandler | null => {
      if (Array.isArray(url) || !url.startsWith(SCHEME)) return null;
      return {
        save: async (artifacts) => {
          stored.set(url, artifacts);
          return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
        },
        load: async () => {
          const artifacts = stored.get(url);
          if (!artifacts) throw new Error(`nothing stored at ${url}`);
          return artifacts;
        },
      };
    }) as (url: string | string[]) => tf.io.IOHandler;
    tf.io.registerSaveRouter(handler);
    tf.io.registerLoadRouter(handler);
  }
  return stored;
}
