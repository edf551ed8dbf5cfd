// "What is it looking at?" on the real backbone: two classes that differ only by a red square in one corner.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createEngine } from '../engine';
import type { EngineApi } from '../engine-api';
import { startModelServer, type ModelServer } from '../test-support/model-server';
import { settingsWith } from '../test-support/settings';
import { seededRandom } from '../training-data';
import { INPUT_SIZE, type ClassInfo, type HeadKind, type LabelledEmbedding, type RgbaImage } from '../types';
import type { HeatmapProgress } from './occlusion';

const SIZE = INPUT_SIZE;
/** The red square: 48 pixels at the bottom right (the last cell in reading order, so a first-of-equals pick cannot pass). */
const SQUARE = { left: 168, top: 168, side: 48 };
const CLASSES: ClassInfo[] = [
  { id: 'square', name: 'red square' },
  { id: 'plain', name: 'plain' },
];
const PER_CLASS = 10;

/** Grey noise around a random grey level (every picture different), with the red square when `marked`. */
function picture(random: () => number, marked: boolean): RgbaImage {
  const data = new Uint8ClampedArray(SIZE * SIZE * 4);
  const level = 60 + random() * 140;
  for (let p = 0; p < SIZE * SIZE; p++) {
    const grey = Math.max(0, Math.min(255, level + (random() - 0.5) * 80));
    data.set([grey, grey, grey, 255], p * 4);
  }
  if (marked) {
    for (let y = SQUARE.top; y < SQUARE.top + SQUARE.side; y++)
      for (let x = SQUARE.left; x < SQUARE.left + SQUARE.side; x++) data.set([220, 20, 20, 255], (y * SIZE + x) * 4);
  }
  return { width: SIZE, height: SIZE, data };
}

let server: ModelServer;
let engine: EngineApi;
let examples: LabelledEmbedding[];
let tested: RgbaImage;

before(async () => {
  server = await startModelServer();
  engine = createEngine();
  await engine.init({ sources: [{ kind: 'backbone', url: server.backboneUrl }], backend: 'wasm' });
  const random = seededRandom(14);
  const images = CLASSES.flatMap((_, classIndex) =>
    Array.from({ length: PER_CLASS }, () => ({ classIndex, image: picture(random, classIndex === 0) })),
  );
  const embeddings = await engine.embed(images.map((each) => each.image));
  examples = images.map((each, i) => ({ classIndex: each.classIndex, embedding: embeddings[i] }));
  tested = picture(random, true);
});

after(() => server.close());

/** The heatmap's hottest cell as [row, column]. */
function hottest(drops: readonly number[], grid: number): [number, number] {
  const cell = drops.reduce((best, drop, i) => (drop > drops[best] ? i : best), 0);
  return [Math.floor(cell / grid), cell % grid];
}

for (const kind of ['knn', 'dense'] as HeadKind[]) {
  test(`the ${kind} head's heatmap is hottest where the red square is`, async () => {
    const model = await engine.train({
      modelName: 'square',
      classes: CLASSES,
      examples,
      settings: settingsWith({ kind, validationRate: 0 }),
      seed: 3,
    });
    await engine.loadModel(kind, model);
    const progress: HeatmapProgress[] = [];
    const heatmap = await engine.explainPicture(kind, tested, (each) => progress.push(each));
    assert.equal(heatmap.classIndex, 0, 'the marked picture is answered "red square"');
    assert.equal(heatmap.drops.length, heatmap.grid * heatmap.grid);
    const [row, column] = hottest(heatmap.drops, heatmap.grid);
    // The square covers the bottom-right 48 pixels: the cells of the last row and column and their neighbours.
    const cellSize = SIZE / heatmap.grid;
    assert.ok(row >= Math.floor(SQUARE.top / cellSize) && column >= Math.floor(SQUARE.left / cellSize), `hottest cell ${row},${column}`);
    assert.ok(Math.max(...heatmap.drops) > 0, 'covering the square lowers the answer');
    assert.deepEqual(progress.at(-1), { done: heatmap.grid ** 2, total: heatmap.grid ** 2 });
    assert.ok(progress.length > 2, 'progress comes batch by batch');
    await engine.unloadModel(kind);
  });
}

test('explaining leaves no tensors behind, and refuses a model that is not loaded', async () => {
  const model = await engine.train({ modelName: 'square', classes: CLASSES, examples, settings: settingsWith({ kind: 'dense' }), seed: 3 });
  await engine.loadModel('leak', model);
  await engine.explainPicture('leak', tested);
  const before = (await engine.memory()).numTensors;
  await engine.explainPicture('leak', tested);
  assert.equal((await engine.memory()).numTensors, before);
  await engine.unloadModel('leak');
  await assert.rejects(engine.explainPicture('leak', tested), { code: 'model/not-loaded' });
});
