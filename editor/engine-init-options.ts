// Where the engine finds the base model and tfjs's WASM files, relative to the page (dist/'s root). The editor
// and the TurboWarp extension (turbowarp/) share these; the extension resolves them against its own address.
import type { EngineInitOptions } from '../engine';

const BASE_MODEL_CACHE = 'indexeddb://image-model-base';

/** Where the backbone comes from: the browser's copy, the weights served by our server, Teachable Machine's. */
export const ENGINE_INIT_OPTIONS: EngineInitOptions = {
  sources: [
    { kind: 'cache', url: BASE_MODEL_CACHE },
    { kind: 'backbone', url: './models/mobilenet-v2-0.35-224-backbone/model.json' },
    {
      kind: 'no-top',
      url: 'https://storage.googleapis.com/teachable-machine-models/mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_224_no_top/model.json',
    },
  ],
  cacheUrl: BASE_MODEL_CACHE,
  wasmPath: './tfjs-wasm/',
};
