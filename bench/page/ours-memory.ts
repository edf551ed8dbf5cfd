// The memory rows, our side: the engine in its Web Worker as the model service drives it (pictures in batches of
// 8, the page keeping only the embeddings), measured after 120 pictures, after training, after 2,000 pictures.
import { DEFAULT_TRAINING_SETTINGS, type ClassInfo, type LabelledEmbedding, type RgbaImage } from '../../engine';
import { createWorkerEngine } from '../../worker/engine-client';
import {
  FIRST_DIGITS,
  FIRST_PICTURES,
  firstPictures,
  measureMemory,
  SCALE_PICTURES,
  scalePictures,
  type MemoryPicture,
  type MemoryResult,
} from './memory-measure';

/** The model service's batch (model-service/facets/pictures.ts EMBED_BATCH). */
const ADD_BATCH = 8;

function pixels({ canvas }: MemoryPicture): RgbaImage {
  const { width, height, data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
  return { width, height, data };
}

async function run(): Promise<MemoryResult> {
  const engine = createWorkerEngine(new Worker('/engine-worker.js', { name: 'image-model-engine' }));
  await engine.init({ sources: [{ kind: 'backbone', url: '/models/backbone/model.json' }], wasmPath: '/tfjs-wasm/' });

  const embedAll = async (pictures: AsyncGenerator<MemoryPicture>, expected: number): Promise<LabelledEmbedding[]> => {
    const embedded: LabelledEmbedding[] = [];
    let batch: MemoryPicture[] = [];
    const flush = async () => {
      const embeddings = await engine.embed(batch.map(pixels));
      embedded.push(...embeddings.map((embedding, i) => ({ classIndex: batch[i].classIndex, embedding })));
      batch = [];
    };
    for await (const picture of pictures) {
      batch.push(picture);
      if (batch.length === ADD_BATCH) await flush();
    }
    if (batch.length > 0) await flush();
    if (embedded.length !== expected) throw new Error(`${embedded.length} pictures, expected ${expected}`);
    return embedded;
  };

  /** The worker's WASM heap as tfjs sees it, beside the browser's figures. */
  const measure = async () => measureMemory((await engine.memory()).wasmHeapBytes);
  const examples = await embedAll(firstPictures(), FIRST_PICTURES);
  const after120 = await measure();
  const classes: ClassInfo[] = FIRST_DIGITS.map((digit) => ({ id: `digit-${digit}`, name: String(digit) }));
  const model = await engine.train({ modelName: 'memory', classes, examples, settings: DEFAULT_TRAINING_SETTINGS, seed: 1 });
  await engine.loadModel('memory', model);
  const afterTraining = await measure();
  const scale = await embedAll(scalePictures(), SCALE_PICTURES);
  const after2000 = await measure();
  // Kept until measured, as the model service keeps a model's embeddings.
  void [examples, scale];
  return { after120, afterTraining, after2000 };
}

(globalThis as { runMemoryBench?: () => Promise<MemoryResult> }).runMemoryBench = run;
