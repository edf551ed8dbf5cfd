// MediaPipe Hands (@mediapipe/hands 0.4.1675469240) in a classic Web Worker. The solution's own worker path is
// broken: it importScripts() the .tflite model as if it were a script, passes a global `Module` that no file
// defines, and never makes the WebGL context it uploads pictures with. Its page path works in a worker given the
// few page things it touches, which `installPageShim` supplies:
// - `window`: the worker's global scope (its globals, location, navigator, URL);
// - `document.createElement('script')` + `document.body.appendChild`: the script is run with importScripts();
// - `document.createElement('canvas')`: an OffscreenCanvas, whose WebGL context workers have;
// - `document.addEventListener`: Emscripten's pointer-lock set-up, which never fires here.
// Inference runs on the CPU (XNNPACK): with software WebGL (no GPU) the GPU path takes ~1.2 s a frame.
import type { Hands, InputImage, Results } from '@mediapipe/hands';
import { HandFinderError } from './types';

declare const self: DedicatedWorkerGlobalScope & { window?: unknown; document?: unknown; Hands?: typeof Hands };

/** The picture MediaPipe is given: it reads only width, height and the pixels (texImage2D). */
export type WorkerPicture = ImageBitmap | OffscreenCanvas;

export interface HandsInWorker {
  /** MediaPipe's results for one picture (after `reset` when it should not track from the last one). */
  detect(picture: WorkerPicture): Promise<Results | undefined>;
  reset(): void;
}

interface ScriptShim {
  src?: string;
  readonly listeners: Partial<Record<'load' | 'error', () => void>>;
}

/** The page globals the solution's page path uses, in this worker; returns the scripts that failed to load. */
function installPageShim(): string[] {
  const failed: string[] = [];
  self.window = self;
  self.document = {
    createElement(tag: string): ScriptShim | OffscreenCanvas {
      if (tag === 'canvas') return new OffscreenCanvas(1, 1);
      const script: ScriptShim & {
        setAttribute(name: string, value: string): void;
        addEventListener(type: 'load' | 'error', listener: () => void): void;
      } = {
        listeners: {},
        setAttribute(name, value) {
          if (name === 'src') script.src = value;
        },
        addEventListener(type, listener) {
          script.listeners[type] = listener;
        },
      };
      return script;
    },
    body: {
      appendChild(script: ScriptShim) {
        try {
          importScripts(script.src ?? '');
        } catch (error) {
          failed.push(`${script.src}: ${String(error)}`);
          script.listeners.error?.();
          return;
        }
        script.listeners.load?.();
      },
    },
    addEventListener() {},
  };
  return failed;
}

/** Whether this worker can make the WebGL context MediaPipe needs for its pictures. */
function hasWebGl(): boolean {
  if (typeof OffscreenCanvas !== 'function' || typeof WebAssembly !== 'object') return false;
  const canvas = new OffscreenCanvas(1, 1);
  return Boolean(canvas.getContext('webgl2') ?? canvas.getContext('webgl'));
}

/**
 * Loads the solution from `filesBase` and starts it. Rejects with 'hands/unreachable' when a file does not load:
 * the packed-assets loader throws from an XHR callback (an uncaught error in the worker, not a rejection), so
 * such errors during the start count as failures too.
 */
export async function startHandsInWorker(filesBase: URL): Promise<HandsInWorker> {
  if (!hasWebGl()) throw new HandFinderError('hands/unsupported', 'no WebGL in a worker (OffscreenCanvas)');
  const failedScripts = installPageShim();
  const unreachable = (detail: string) => new HandFinderError('hands/unreachable', detail);
  try {
    importScripts(new URL('hands.js', filesBase).href);
  } catch (error) {
    throw unreachable(`hands.js: ${String(error)}`);
  }
  const HandsSolution = self.Hands;
  if (!HandsSolution) throw unreachable('hands.js defines no Hands');
  const hands = new HandsSolution({ locateFile: (file) => new URL(file, filesBase).href });
  hands.setOptions({ maxNumHands: 1, modelComplexity: 1, useCpuInference: true } as Parameters<Hands['setOptions']>[0]);
  // The listener is called during send(); a holder, so detect() reads what the last send gave.
  const latest: { results?: Results } = {};
  hands.onResults((results) => {
    // The picture it looked at, as a new ImageBitmap each time (from its WebGL canvas): not needed, so freed now.
    if (results.image instanceof ImageBitmap) results.image.close();
    latest.results = results;
  });
  let onUncaught: ((event: ErrorEvent) => void) | undefined;
  const uncaught = new Promise<never>((_, reject) => {
    onUncaught = (event) => {
      event.preventDefault();
      reject(unreachable(String(event.message)));
    };
    self.addEventListener('error', onUncaught);
  });
  try {
    await Promise.race([hands.initialize(), uncaught]);
  } catch (error) {
    throw error instanceof HandFinderError
      ? error
      : unreachable(`${String(error)}${failedScripts.length ? `; ${failedScripts.join('; ')}` : ''}`);
  } finally {
    if (onUncaught) self.removeEventListener('error', onUncaught);
  }
  return {
    async detect(picture) {
      delete latest.results;
      // The solution's types name page elements only; it reads width and height and uploads with texImage2D, which takes these too.
      await hands.send({ image: picture as unknown as InputImage });
      return latest.results;
    },
    reset: () => hands.reset(),
  };
}
