// Our models inside real .sb3 zips: written, zipped, unzipped and read back; then hostile projects, each of
// which must open with that model marked broken for its own reason while a good model beside it still loads.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import JSZip from 'jszip';
import { IMPORT_PROBLEMS, importMessageKey, quantizeModel } from '../engine';
import { catalogues, setLocale } from '../locales';
import { PROJECT_MODEL_PROBLEMS, problemMessageKey } from './problems';
import { readModelsFromProject } from './read-models';
import { STORAGE_KEY } from './storage-json';
import { CLASSES, openSb3, projectModel, sb3Bytes, vanillaProjectJson } from './test-support/projects';
import type { LoadedProjectModel, ProjectModelProblem, ProjectModels, ProjectPicture } from './types';
import { writeModelsIntoProject } from './write-models';

const JPEG = (fill: number) => Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...Array.from({ length: 60 }, () => fill), 0xff, 0xd9]);

function content(includePictures: boolean): ProjectModels {
  const dense = projectModel('m1dense', 'dense', 1);
  const knn = projectModel('m2knn', 'knn', 2);
  const pictures: ProjectPicture[] = [
    { id: 'p1', classId: CLASSES[0].id, encoded: JPEG(1), mimeType: 'image/jpeg' },
    { id: 'p2', classId: CLASSES[2].id, encoded: JPEG(2), mimeType: 'image/jpeg' },
  ];
  return { models: [{ ...dense, pictures }, knn], activeModelId: 'm2knn', includePictures };
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tampering reaches anywhere

/** A saved .sb3 of `models`, with project.json's storage and the zip open for tampering before it is zipped. */
async function savedProject(models: ProjectModels, tamper?: (storage: Json, zip: JSZip) => void): Promise<Uint8Array> {
  const projectJson = vanillaProjectJson();
  const entries = new JSZip();
  writeModelsIntoProject(projectJson, entries, models);
  const storage = structuredClone((projectJson.extensionStorage as Record<string, unknown>)[STORAGE_KEY]) as Json;
  tamper?.(storage, entries);
  projectJson.extensionStorage = { [STORAGE_KEY]: storage };
  const files = Object.values(entries.files).filter((file) => !file.dir);
  const contents = await Promise.all(files.map((file) => file.async('uint8array')));
  return sb3Bytes(projectJson, (zip) => files.forEach((file, i) => zip.file(file.name, contents[i])));
}

async function load(bytes: Uint8Array) {
  const { projectJson, zip } = await openSb3(bytes);
  return readModelsFromProject(projectJson, zip);
}

function okModel(loaded: LoadedProjectModel) {
  assert.equal(loaded.status, 'ok', loaded.status === 'broken' ? `${loaded.problem}: ${loaded.detail}` : '');
  return (loaded as Extract<LoadedProjectModel, { status: 'ok' }>).model;
}

test('models saved into a .sb3 come back identical: metadata, weight bytes, active model', async () => {
  const saved = content(false);
  const { projectJson, zip } = await openSb3(await savedProject(saved));
  assert.ok(zip.file('imageModel/m1dense.bin') && zip.file('imageModel/m2knn.bin'), 'weights are zip entries');
  const text = JSON.stringify(projectJson);
  assert.ok(!/"weights"\s*:/.test(text) && text.length < 20_000, 'project.json holds metadata only, no weight numbers');
  const loaded = await readModelsFromProject(projectJson, zip);
  assert.equal(loaded.present, true);
  assert.equal(loaded.activeModelId, 'm2knn');
  assert.equal(loaded.models.length, 2);
  loaded.models.forEach((entry, i) => {
    const model = okModel(entry);
    const original = saved.models[i];
    assert.equal(model.id, original.id);
    assert.equal(model.name, original.name);
    assert.deepEqual(model.classes, original.classes);
    assert.deepEqual(model.settings, original.settings);
    assert.deepEqual(model.trainedOn, original.trainedOn);
    assert.deepEqual(model.trained!.metadata, original.trained!.metadata);
    assert.deepEqual(new Uint8Array(model.trained!.weights), new Uint8Array(original.trained!.weights));
  });
});

test('a shrunk (int8) model travels as its smaller bytes and comes back identical', async () => {
  const dense = projectModel('m1dense', 'dense', 1);
  const shrunk = { ...dense, trained: quantizeModel(dense.trained!) };
  const { projectJson, zip } = await openSb3(await savedProject({ models: [shrunk], activeModelId: null, includePictures: false }));
  const entry = await zip.file('imageModel/m1dense.bin')!.async('uint8array');
  assert.equal(entry.length, shrunk.trained.weights.byteLength);
  assert.ok(entry.length < dense.trained!.weights.byteLength / 3);
  const loaded = await readModelsFromProject(projectJson, zip);
  const model = okModel(loaded.models[0]);
  // Through JSON, as any saved project goes (the shrinker may write a zeroPoint of -0, which JSON writes as 0).
  assert.deepEqual(model.trained!.metadata, JSON.parse(JSON.stringify(shrunk.trained.metadata)));
  assert.deepEqual(new Uint8Array(model.trained!.weights), new Uint8Array(shrunk.trained.weights));
  assert.equal(loaded.activeModelId, 'm1dense', 'no saved active model: the first usable one');
});

test('pictures travel only when the child includes them', async () => {
  const without = await openSb3(await savedProject(content(false)));
  assert.deepEqual(
    Object.keys(without.zip.files).filter((name) => name.endsWith('.jpg')),
    [],
  );
  const withoutLoad = await readModelsFromProject(without.projectJson, without.zip);
  assert.equal(withoutLoad.includePictures, false);
  assert.deepEqual(okModel(withoutLoad.models[0]).pictures, []);

  const withPictures = await openSb3(await savedProject(content(true)));
  assert.deepEqual(
    Object.keys(withPictures.zip.files)
      .filter((name) => name.endsWith('.jpg'))
      .sort(),
    ['imageModel/m1dense/p1.jpg', 'imageModel/m1dense/p2.jpg'],
  );
  const withLoad = await readModelsFromProject(withPictures.projectJson, withPictures.zip);
  assert.equal(withLoad.includePictures, true);
  const pictures = okModel(withLoad.models[0]).pictures;
  assert.deepEqual(
    pictures.map(({ id, classId, mimeType }) => ({ id, classId, mimeType })),
    [
      { id: 'p1', classId: CLASSES[0].id, mimeType: 'image/jpeg' },
      { id: 'p2', classId: CLASSES[2].id, mimeType: 'image/jpeg' },
    ],
  );
  assert.deepEqual(pictures[1].encoded, JPEG(2));
});

test("a vanilla project has no models and no problem; other extensions' storage is kept on save", async () => {
  const vanilla = await load(await sb3Bytes(vanillaProjectJson()));
  assert.deepEqual(vanilla, { present: false, models: [], activeModelId: null, includePictures: false });
  assert.equal((await readModelsFromProject(vanillaProjectJson(), null)).present, false);

  const projectJson = { ...vanillaProjectJson(), extensionStorage: { otherExtension: { keep: 1 } } };
  writeModelsIntoProject(projectJson, new JSZip(), content(false));
  assert.deepEqual((projectJson.extensionStorage as Record<string, unknown>).otherExtension, { keep: 1 });
});

/** Each hostile change to the first (dense) model; the KNN model saved beside it must still load. */
/** Writes `value` over one float of the saved dense weights. */
function setWeight(zip: JSZip, index: number, value: number): void {
  const weights = 'imageModel/m1dense.bin';
  zip.file(
    weights,
    zip
      .file(weights)!
      .async('uint8array')
      .then((bytes) => {
        const copy = bytes.slice();
        new Float32Array(copy.buffer)[index] = value;
        return copy;
      }),
  );
}

const HOSTILE: { name: string; problem: ProjectModelProblem; tamper: (model: Json, zip: JSZip) => void }[] = [
  { name: 'weights entry missing', problem: 'weights-missing', tamper: (_, zip) => zip.remove('imageModel/m1dense.bin') },
  {
    name: 'weights entry truncated',
    problem: 'weights-truncated',
    tamper: (_, zip) =>
      zip.file(
        'imageModel/m1dense.bin',
        zip
          .file('imageModel/m1dense.bin')!
          .async('uint8array')
          .then((b) => b.slice(0, 1000)),
      ),
  },
  {
    name: 'weights truncated and the declared size edited to match',
    problem: 'weights-truncated',
    tamper: (model, zip) => {
      zip.file(
        'imageModel/m1dense.bin',
        zip
          .file('imageModel/m1dense.bin')!
          .async('uint8array')
          .then((b) => b.slice(0, 1000)),
      );
      model.trained.weightsBytes = 1000;
    },
  },
  {
    name: 'wrong tensor shapes',
    problem: 'wrong-shapes',
    tamper: (model) => {
      model.trained.metadata.weightSpecs[0].shape = [100, 1280];
    },
  },
  {
    name: 'NaN among the weights',
    problem: 'not-finite',
    tamper: (_, zip) => setWeight(zip, 1234, Number.NaN),
  },
  {
    name: 'Infinity among the weights',
    problem: 'not-finite',
    tamper: (_, zip) => setWeight(zip, 7, Number.NEGATIVE_INFINITY),
  },
  {
    name: 'a base model we do not know',
    problem: 'unknown-base-model',
    tamper: (model) => {
      model.trained.metadata.baseModel = { id: 'mobilenet-v1-1.0-224', weightsSha256: 'ab'.repeat(32), embeddingSize: 1024 };
    },
  },
  {
    name: 'a class list that does not match the weights',
    problem: 'classes-mismatch',
    tamper: (model) => {
      model.trained.metadata.classes.push({ id: 'c3dd44', name: 'lizard' });
    },
  },
  {
    name: 'gigantic declared weights size',
    problem: 'too-large',
    tamper: (model) => {
      model.trained.weightsBytes = 2 ** 40;
    },
  },
  {
    name: 'gigantic declared layer sizes',
    problem: 'too-large',
    tamper: (model) => {
      const layers = Array.from({ length: 7 }, () => ({ type: 'dense', units: 4096, activation: 'relu' }));
      model.trained.metadata.head.layers = [...layers, { type: 'dense', units: 3, activation: 'softmax' }];
    },
  },
  {
    name: 'a layer of a billion units',
    problem: 'too-large',
    tamper: (model) => {
      model.trained.metadata.head.layers[0].units = 1e9;
    },
  },
  {
    name: 'a tensor shape of a billion by a billion',
    problem: 'too-large',
    tamper: (model) => {
      model.trained.metadata.weightSpecs[0].shape = [1e9, 1e9];
    },
  },
  {
    name: 'a path-traversal id',
    problem: 'unsafe-name',
    tamper: (model) => {
      model.id = '../../project';
    },
  },
  {
    name: 'a __proto__ id',
    problem: 'unsafe-name',
    tamper: (model) => {
      model.id = '__proto__';
    },
  },
  {
    name: 'a constructor class id',
    problem: 'unsafe-name',
    tamper: (model) => {
      model.classes[0].id = 'constructor';
    },
  },
  {
    name: 'a newer model format',
    problem: 'newer-version',
    tamper: (model) => {
      model.trained.metadata.formatVersion = 2;
    },
  },
  {
    name: 'a newer model format laid out differently',
    problem: 'newer-version',
    tamper: (model) => {
      model.trained = { metadata: { formatVersion: 7, parts: ['weights.v7'] } };
    },
  },
  {
    name: 'settings that are not settings',
    problem: 'invalid',
    tamper: (model) => {
      model.settings = { method: 'magic' };
    },
  },
  {
    name: 'not an object at all',
    problem: 'invalid',
    tamper: (model) => {
      for (const key of Object.keys(model)) delete model[key];
    },
  },
];

for (const hostile of HOSTILE) {
  test(`hostile project: ${hostile.name} -> that model is broken (${hostile.problem}), the other loads`, async () => {
    const loaded = await load(await savedProject(content(false), (storage, zip) => hostile.tamper(storage.models[0], zip)));
    assert.equal(loaded.present, true);
    const [first, second] = loaded.models;
    assert.equal(first.status, 'broken', `expected ${hostile.problem}`);
    assert.equal(first.status === 'broken' && first.problem, hostile.problem, first.status === 'broken' ? first.detail : '');
    okModel(second);
    assert.equal(loaded.activeModelId, 'm2knn');
  });
}

test('a duplicated id keeps the first model and marks the second broken', async () => {
  const loaded = await load(
    await savedProject(content(false), (storage) => {
      storage.models[1].id = 'm1dense';
    }),
  );
  okModel(loaded.models[0]);
  assert.equal(loaded.models[1].status === 'broken' && loaded.models[1].problem, 'duplicate');
});

test('a weights entry whose zip directory lies about its size is not inflated past the declared size', async () => {
  const ZEROS = 4 * 1024 * 1024;
  const honest = await savedProject(content(false), (_, zip) => zip.file('imageModel/m1dense.bin', new Uint8Array(ZEROS)));
  // Rewrite the entry's uncompressed size in its local header and the central directory to a small lie.
  const bytes = honest.slice();
  const view = new DataView(bytes.buffer);
  const name = new TextEncoder().encode('imageModel/m1dense.bin');
  let patched = 0;
  for (let i = 0; i + 46 < bytes.length; i++) {
    const signature = view.getUint32(i, true);
    const [nameAt, sizeAt] = signature === 0x04034b50 ? [30, 22] : signature === 0x02014b50 ? [46, 24] : [0, 0];
    if (!nameAt || view.getUint16(i + nameAt - (signature === 0x04034b50 ? 4 : 18), true) !== name.length) continue;
    if (!name.every((byte, j) => bytes[i + nameAt + j] === byte)) continue;
    view.setUint32(i + sizeAt, 1000, true);
    patched++;
  }
  assert.equal(patched, 2, 'both headers found');
  const loaded = await load(bytes);
  assert.equal(loaded.models[0].status === 'broken' && loaded.models[0].problem, 'too-large');
  okModel(loaded.models[1]);
});

test('__proto__ keys in the project storage do not reach Object.prototype', async () => {
  const loaded = await load(
    await savedProject(content(false), (storage) => {
      Object.defineProperty(storage, '__proto__', { value: { polluted: true }, enumerable: true });
      Object.defineProperty(storage.models[1], '__proto__', { value: { polluted: true }, enumerable: true });
    }),
  );
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(okModel(loaded.models[1]).id, 'm2knn');
});

test('pictures with bad names, unknown classes or types, missing entries or bytes not of their type are left out and counted', async () => {
  const loaded = await load(
    await savedProject(content(true), (storage, zip) => {
      storage.models[0].pictures.push(
        { id: '../../x', classId: CLASSES[0].id },
        { id: 'p3', classId: 'nope' },
        { id: 'p4', classId: CLASSES[1].id },
        { id: 'p5', classId: CLASSES[1].id },
        { id: 'p6', classId: CLASSES[1].id, mimeType: 'image/x-unknown' },
      );
      zip.file('imageModel/m1dense/p5.jpg', 'not a jpeg');
      zip.file('imageModel/m1dense/p6.jpg', JPEG(6));
    }),
  );
  assert.equal(loaded.models[0].status, 'ok');
  if (loaded.models[0].status !== 'ok') return;
  assert.deepEqual(
    loaded.models[0].model.pictures.map((picture) => picture.id),
    ['p1', 'p2'],
  );
  assert.equal(loaded.models[0].droppedPictures, 5);
});

test('a project storage written by a newer version, or not an object, opens with no models and says why', async () => {
  const newer = await load(
    await savedProject(content(false), (storage) => {
      storage.format = 2;
    }),
  );
  assert.deepEqual([newer.present, newer.models.length, newer.problem?.code], [true, 0, 'newer-version']);
  for (const bad of ['text', null, [1, 2], { format: 1, models: 'no' }]) {
    const loaded = await readModelsFromProject({ ...vanillaProjectJson(), extensionStorage: { [STORAGE_KEY]: bad } }, null);
    assert.equal(loaded.problem?.code, 'invalid', JSON.stringify(bad));
  }
});

test('every broken-model and import problem has words in every language', () => {
  for (const [locale, catalogue] of Object.entries(catalogues)) {
    for (const problem of PROJECT_MODEL_PROBLEMS) assert.ok(catalogue[problemMessageKey(problem)]?.trim(), `${locale}: ${problem}`);
    for (const problem of IMPORT_PROBLEMS) assert.ok(catalogue[importMessageKey(problem)]?.trim(), `${locale}: import ${problem}`);
  }
});

test("models named alike or blank get the trainer's names, in the child's language, and the load says which", async () => {
  const dense = projectModel('m1dense', 'dense', 1);
  const knn = projectModel('m2knn', 'knn', 2);
  const blank = projectModel('m3blank', 'knn', 3);
  const models = [
    { ...dense, name: 'Hands ' },
    { ...knn, name: 'hands' },
    { ...blank, name: '\u202E ' },
  ];
  setLocale('ko');
  try {
    const loaded = await load(await savedProject({ models, activeModelId: 'm1dense', includePictures: false }));
    const defaultName = catalogues.ko['trainer.defaultModelName'];
    assert.deepEqual(
      loaded.models.map((model) => okModel(model).name),
      ['Hands', 'hands (2)', defaultName],
    );
    assert.deepEqual(
      loaded.models.map((model) => (model.status === 'ok' ? model.renamed : [])),
      [[], [{ kind: 'model', from: 'hands', to: 'hands (2)' }], [{ kind: 'model', from: '', to: defaultName }]],
    );
    const blankClasses = await load(
      await savedProject({
        models: [{ ...dense, classes: CLASSES.map((info) => ({ ...info, name: '' })) }],
        activeModelId: null,
        includePictures: false,
      }),
    );
    assert.deepEqual(
      okModel(blankClasses.models[0]).classes.map((info) => info.name),
      [1, 2, 3].map((number) => catalogues.ko['trainer.defaultClassName'].replace('{number}', String(number))),
    );
  } finally {
    setLocale('en');
  }
});
