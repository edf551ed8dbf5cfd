// The memory rows, Teachable Machine's side: its library on the page's main thread as its web app uses it
// (addExample per picture, train() with its defaults), on the same WASM backend and pictures as ours.
import * as tmImage from '@teachablemachine/image';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import {
  FIRST_DIGITS,
  FIRST_PICTURES,
  firstPictures,
  measureMemory,
  SCALE_DIGITS,
  SCALE_PICTURES,
  scalePictures,
  type MemoryPicture,
  type MemoryResult,
} from './memory-measure';
import { TM_DEFAULTS } from './tm-bench';

/** tfjs's WASM heap: what the backend's memory has grown to. */
const wasmHeapBytes = () => (tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.buffer.byteLength;

async function run(): Promise<MemoryResult> {
  setWasmPaths('/tfjs-wasm/');
  await tf.setBackend('wasm');
  await tf.ready();
  // The same no-top MobileNet Teachable Machine fetches from Google's storage, from the bench's server.
  const model = await tmImage.createTeachable(
    { tfjsVersion: tf.version.tfjs },
    { checkpointUrl: '/models/no-top/model.json', trainingLayer: 'out_relu' },
  );
  const addAll = async (pictures: AsyncGenerator<MemoryPicture>, expected: number) => {
    let count = 0;
    for await (const picture of pictures) {
      await model.addExample(picture.classIndex, picture.canvas);
      count += 1;
    }
    if (count !== expected) throw new Error(`${count} pictures, expected ${expected}`);
  };

  model.setSeed('bench');
  model.setLabels(FIRST_DIGITS.map(String));
  await addAll(firstPictures(), FIRST_PICTURES);
  const after120 = await measureMemory(wasmHeapBytes());
  await model.train(TM_DEFAULTS);
  const afterTraining = await measureMemory(wasmHeapBytes());
  // A new set of classes (setLabels empties the examples), as a child starting the 2,000-picture model.
  model.setLabels(SCALE_DIGITS.map(String));
  await addAll(scalePictures(), SCALE_PICTURES);
  const after2000 = await measureMemory(wasmHeapBytes());
  return { after120, afterTraining, after2000 };
}

(globalThis as { runMemoryBench?: () => Promise<MemoryResult> }).runMemoryBench = run;
