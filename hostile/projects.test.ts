// Hostile .sb3 projects: every file below is a real zip (written byte for byte, so duplicates, "../" names, lying
// directories and bombs are possible) opened the way scratch-parser opens it (JSZip, then JSON.parse of
// project.json) and read by project-file/. Each case names the input and what must come out: the model with
// its own reason, the good model beside it still loading, nothing thrown, no hang, no prototype pollution.
// Whole-file garbage goes through the real scratch-vm 15.1.1 with our storage hooks installed.
import assert from 'node:assert/strict';
import { after } from 'node:test';
import JSZip from 'jszip';
import { captureVmLog, createHeadlessVm, createStorage, type HeadlessVm } from '../extension/test-support/headless-vm';
import { installProjectStorageHooks, type ProjectStorageVm } from '../editor/vm/project-storage-hooks';
import { quantizeModel, withoutDirectionControls } from '../engine';
import en from '../locales/en/trainer.json';
import { makeGameProject, readModelsFromProject, STORAGE_KEY } from '../project-file';
import { projectModel, vanillaProjectJson } from '../project-file/test-support/projects';
import type { LoadedProjectModel, ProjectModelProblem, ProjectModels, ProjectModelsLoad } from '../project-file/types';
import { writeModelsIntoProject } from '../project-file/write-models';
import { hostileCases, prototypeSnapshot, type HostileCase } from './support/cases';
import { entry, rawZip, zeroBombEntry, type RawEntry } from './support/raw-zip';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tampering reaches anywhere

const TARGET = 'm1dense';
const BYSTANDER = 'm2knn';
const TARGET_ENTRY = `imageModel/${TARGET}.bin`;
const BYSTANDER_MODEL = projectModel(BYSTANDER, 'knn', 2);

/** A saved project, still in parts so a case can tamper with any of them before it is zipped. */
interface Parts {
  projectJson: Json;
  /** extensionStorage.imageModel */
  storage: Json;
  /** The target model in the storage (models[0]). */
  model: Json;
  /** Every zip entry except project.json, in order. */
  entries: RawEntry[];
  /** Edits to project.json's text after JSON.stringify (keys JSON.stringify cannot write, like "__proto__"). */
  text: (json: string) => string;
}

function savedParts(target: 'dense' | 'knn' | 'int8' = 'dense'): Parts {
  const dense = projectModel(TARGET, target === 'knn' ? 'knn' : 'dense', 1);
  const first = target === 'int8' ? { ...dense, trained: quantizeModel(dense.trained!) } : dense;
  const content: ProjectModels = { models: [first, BYSTANDER_MODEL], activeModelId: TARGET, includePictures: false };
  const projectJson = vanillaProjectJson();
  const written: RawEntry[] = [];
  writeModelsIntoProject(projectJson, { file: (name, data) => written.push(entry(name, data as Uint8Array)) }, content);
  const storage = structuredClone((projectJson.extensionStorage as Json)[STORAGE_KEY]) as Json;
  projectJson.extensionStorage = { [STORAGE_KEY]: storage };
  const backdrop = (projectJson.targets as Json[])[0].costumes[0];
  const backdropEntry = entry(backdrop.md5ext, '<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"/>');
  return { projectJson, storage, model: storage.models[0], entries: [backdropEntry, ...written], text: (json) => json };
}

function zipParts(parts: Parts): Uint8Array {
  return rawZip([entry('project.json', parts.text(JSON.stringify(parts.projectJson))), ...parts.entries]);
}

async function targetWeights(parts: Parts): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(zipParts(parts));
  return zip.file(TARGET_ENTRY)!.async('uint8array');
}

function replaceEntry(parts: Parts, name: string, bytes: Uint8Array): void {
  parts.entries = parts.entries.filter((item) => item.name !== name).concat(entry(name, bytes));
}

/** The target's weights as float32, changed by `edit`, back into the zip. */
async function editFloats(parts: Parts, edit: (floats: Float32Array) => void): Promise<void> {
  const bytes = (await targetWeights(parts)).slice();
  edit(new Float32Array(bytes.buffer));
  replaceEntry(parts, TARGET_ENTRY, bytes);
}

/** Opens .sb3 bytes as scratch-parser does and reads our models; the case fails if this throws. */
async function openProject(bytes: Uint8Array): Promise<ProjectModelsLoad> {
  const zip = await JSZip.loadAsync(bytes);
  const projectJson: unknown = JSON.parse(await zip.file('project.json')!.async('string'));
  return readModelsFromProject(projectJson, zip);
}

/** What "Save as a web page" makes of the project: null when it can be a game, else the reason it is refused. */
async function gameVerdict(bytes: Uint8Array): Promise<ProjectModelProblem | null> {
  const zip = await JSZip.loadAsync(bytes);
  return makeGameProject(JSON.parse(await zip.file('project.json')!.async('string')) as Json, zip);
}

function assertNoPollution(before: string, load: unknown): void {
  assert.equal(prototypeSnapshot(), before, 'Object/Array/Function prototypes unchanged');
  assert.equal(({} as Json).polluted, undefined, 'no "polluted" property reached Object.prototype');
  assert.ok(!JSON.stringify(load).includes('polluted'), 'nothing from the hostile keys reached what the trainer gets');
}

function assertBystanderLoads(load: ProjectModelsLoad): void {
  const bystander = load.models.find((loaded) => (loaded.status === 'ok' ? loaded.model.id : loaded.id) === BYSTANDER);
  assert.ok(bystander, 'the good model is listed');
  assert.equal(bystander.status, 'ok', bystander.status === 'broken' ? `${bystander.problem}: ${bystander.detail}` : '');
  if (bystander.status !== 'ok') return;
  assert.deepEqual(
    new Uint8Array(bystander.model.trained!.weights),
    new Uint8Array(BYSTANDER_MODEL.trained!.weights),
    "the good model's weights are intact",
  );
  assert.ok(
    load.activeModelId !== null && load.models.some((loaded) => loaded.status === 'ok' && loaded.model.id === load.activeModelId),
    'the active model is one that loaded',
  );
}

type Outcome =
  | { readonly broken: ProjectModelProblem }
  | { readonly ok: (model: Extract<LoadedProjectModel, { status: 'ok' }>) => void }
  | { readonly whole: ProjectModelProblem };

/** One hostile project: `tamper` changes the saved parts; the target model must come out as `outcome` says. */
function projectCase(
  name: string,
  outcome: Outcome,
  tamper: (parts: Parts) => void | Promise<void>,
  kind?: 'dense' | 'knn' | 'int8',
): HostileCase {
  const expected =
    'broken' in outcome
      ? `marked broken (${outcome.broken}), the other model loads`
      : 'whole' in outcome
        ? `no models, says why (${outcome.whole})`
        : 'loads correctly beside the other model';
  return {
    name: `${name} -> ${expected}`,
    run: async () => {
      const parts = savedParts(kind);
      await tamper(parts);
      const before = prototypeSnapshot();
      const bytes = zipParts(parts);
      const load = await openProject(bytes);
      assertNoPollution(before, load);
      assert.equal(load.present, true);
      // A game page (File → Save as a web page) goes through the same reader: refused for the same reason.
      const game = await gameVerdict(bytes);
      assert.equal(game, 'whole' in outcome ? outcome.whole : 'broken' in outcome ? outcome.broken : null, 'the game page agrees');
      assertNoPollution(before, load);
      if ('whole' in outcome) {
        assert.equal(load.problem?.code, outcome.whole, load.problem?.detail);
        assert.deepEqual(load.models, []);
        return;
      }
      assert.equal(load.problem, undefined);
      assertBystanderLoads(load);
      const target = load.models[0];
      if ('broken' in outcome) {
        assert.equal(target.status, 'broken', 'the tampered model is not used');
        if (target.status === 'broken') assert.equal(target.problem, outcome.broken, target.detail);
      } else {
        assert.equal(target.status, 'ok', target.status === 'broken' ? `${target.problem}: ${target.detail}` : '');
        if (target.status === 'ok') outcome.ok(target);
      }
    },
  };
}

const broken = (problem: ProjectModelProblem): Outcome => ({ broken: problem });
const whole = (problem: ProjectModelProblem): Outcome => ({ whole: problem });
const loads = (check: (model: Extract<LoadedProjectModel, { status: 'ok' }>) => void = () => {}): Outcome => ({ ok: check });

/** [what, the classes' names in the file, what the trainer and the blocks get]. */
const NAME_CASES: [string, string[], string[]][] = [
  ['"" and " "', ['', ' ', 'scissors'], ['Class 1', 'Class 2', 'scissors']],
  ['"rock" twice', ['rock', 'rock', 'scissors'], ['rock', 'rock (2)', 'scissors']],
  ['"Rock" and "rock "', ['Rock', 'rock ', 'scissors'], ['Rock', 'rock (2)', 'scissors']],
  ['"Class 2" after a blank one that becomes "Class 2"', ['rock', '', 'class 2'], ['rock', 'Class 2', 'class 2 (2)']],
  ['"U+202E kcor" (a right-to-left override)', ['\u202Ekcor', 'paper', '\u2066scissors\u2069'], ['kcor', 'paper', 'scissors']],
];

const HTML_NAMES = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "{{constructor.constructor('alert(1)')()}}",
  'javascript:alert(1)',
  '\u202Eevil\u0000nul',
];

const POLLUTERS: [string, (parts: Parts) => void][] = [
  [
    'the storage root',
    (parts) => {
      parts.text = (json) => json.replace(`"${STORAGE_KEY}":{`, `"${STORAGE_KEY}":{"__proto__":{"polluted":true},`);
    },
  ],
  [
    'extensionStorage',
    (parts) => {
      parts.text = (json) => json.replace('"extensionStorage":{', '"extensionStorage":{"__proto__":{"polluted":true},');
    },
  ],
  [
    'the target model',
    (parts) => {
      parts.text = (json) => json.replace(`{"id":"${TARGET}"`, `{"__proto__":{"polluted":true},"id":"${TARGET}"`);
    },
  ],
  [
    'trained',
    (parts) => {
      parts.text = (json) => json.replace('"trained":{', '"trained":{"__proto__":{"polluted":true},');
    },
  ],
  [
    'the model metadata',
    (parts) => {
      parts.text = (json) => json.replace('"metadata":{', '"metadata":{"__proto__":{"polluted":true},');
    },
  ],
  [
    'the settings',
    (parts) => {
      parts.text = (json) => json.replace('"settings":{', '"settings":{"__proto__":{"polluted":true},');
    },
  ],
  [
    'a class',
    (parts) => {
      parts.text = (json) => json.replace('"classes":[{', '"classes":[{"__proto__":{"polluted":true},');
    },
  ],
  [
    'the head',
    (parts) => {
      parts.text = (json) => json.replace('"head":{', '"head":{"__proto__":{"polluted":true},');
    },
  ],
  [
    'a weight spec',
    (parts) => {
      parts.text = (json) => json.replace('"weightSpecs":[{', '"weightSpecs":[{"__proto__":{"polluted":true},');
    },
  ],
  [
    'the base model',
    (parts) => {
      parts.text = (json) => json.replace('"baseModel":{', '"baseModel":{"__proto__":{"polluted":true},');
    },
  ],
  [
    'the history',
    (parts) => {
      parts.text = (json) => json.replace('"history":[{', '"history":[{"__proto__":{"polluted":true},');
    },
  ],
  [
    'trainedOn',
    (parts) => {
      parts.text = (json) => json.replace('"trainedOn":{', '"trainedOn":{"__proto__":{"polluted":true},');
    },
  ],
  [
    'constructor.prototype at the storage root',
    (parts) => {
      parts.text = (json) => json.replace(`"${STORAGE_KEY}":{`, `"${STORAGE_KEY}":{"constructor":{"prototype":{"polluted":true}},`);
    },
  ],
  [
    'constructor.prototype in the metadata',
    (parts) => {
      parts.text = (json) => json.replace('"metadata":{', '"metadata":{"constructor":{"prototype":{"polluted":true}},');
    },
  ],
  [
    'constructor.prototype in the settings',
    (parts) => {
      parts.text = (json) => json.replace('"settings":{', '"settings":{"constructor":{"prototype":{"polluted":true}},');
    },
  ],
];

const UNSAFE_IDS = [
  '../../project',
  '..',
  'imageModel/../../x',
  'a/b',
  'a\\b',
  '/etc/passwd',
  'C:\\x',
  '',
  ' ',
  'x'.repeat(65),
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'm1%2e%2e',
  'm1\u0000',
];

const CASES: HostileCase[] = [
  // Each corruption of the model itself.
  projectCase('weights entry missing', broken('weights-missing'), (parts) => {
    parts.entries = parts.entries.filter((item) => item.name !== TARGET_ENTRY);
  }),
  projectCase('weights entry is an empty file', broken('weights-truncated'), (parts) =>
    replaceEntry(parts, TARGET_ENTRY, new Uint8Array()),
  ),
  projectCase('weights entry cut to 1000 bytes', broken('weights-truncated'), async (parts) =>
    replaceEntry(parts, TARGET_ENTRY, (await targetWeights(parts)).slice(0, 1000)),
  ),
  projectCase('weights entry one byte short', broken('weights-truncated'), async (parts) =>
    replaceEntry(parts, TARGET_ENTRY, (await targetWeights(parts)).slice(0, -1)),
  ),
  projectCase('weights entry one byte longer than declared (inflating stops at the declared size)', broken('too-large'), async (parts) => {
    const bytes = await targetWeights(parts);
    replaceEntry(parts, TARGET_ENTRY, Uint8Array.from([...bytes, 0]));
  }),
  projectCase('weights cut and the declared size edited to match', broken('weights-truncated'), async (parts) => {
    replaceEntry(parts, TARGET_ENTRY, (await targetWeights(parts)).slice(0, 4000));
    parts.model.trained.weightsBytes = 4000;
  }),
  projectCase('weights entry is a directory', broken('weights-missing'), (parts) => {
    parts.entries = parts.entries.filter((item) => item.name !== TARGET_ENTRY).concat(entry(`${TARGET_ENTRY}/`, ''));
  }),
  projectCase("weights of another model swapped in (the KNN's)", broken('weights-truncated'), async (parts) => {
    const zip = await JSZip.loadAsync(zipParts(parts));
    replaceEntry(parts, TARGET_ENTRY, await zip.file(`imageModel/${BYSTANDER}.bin`)!.async('uint8array'));
  }),
  projectCase('a tensor shape changed', broken('wrong-shapes'), (parts) => {
    parts.model.trained.metadata.weightSpecs[0].shape = [100, 1280];
  }),
  projectCase('a tensor shape with a negative size', broken('wrong-shapes'), (parts) => {
    parts.model.trained.metadata.weightSpecs[0].shape = [-1280, 100];
  }),
  projectCase('a tensor shape that is text', broken('wrong-shapes'), (parts) => {
    parts.model.trained.metadata.weightSpecs[1].shape = '100';
  }),
  projectCase('a tensor renamed', broken('wrong-shapes'), (parts) => {
    parts.model.trained.metadata.weightSpecs[0].name = 'evil/kernel';
  }),
  projectCase('a tensor declared int32', broken('wrong-shapes'), (parts) => {
    parts.model.trained.metadata.weightSpecs[0].dtype = 'int32';
  }),
  projectCase('a tensor missing from weightSpecs', broken('wrong-shapes'), (parts) => {
    parts.model.trained.metadata.weightSpecs.pop();
  }),
  projectCase('an extra tensor in weightSpecs', broken('wrong-shapes'), (parts) => {
    parts.model.trained.metadata.weightSpecs.push({ name: 'extra', shape: [1], dtype: 'float32' });
  }),
  projectCase('weightSpecs is not a list', broken('wrong-shapes'), (parts) => {
    parts.model.trained.metadata.weightSpecs = { length: 4 };
  }),
  projectCase('NaN in the first weight', broken('not-finite'), (parts) =>
    editFloats(parts, (floats) => {
      floats[0] = Number.NaN;
    }),
  ),
  projectCase('NaN in the last weight', broken('not-finite'), (parts) =>
    editFloats(parts, (floats) => {
      floats[floats.length - 1] = Number.NaN;
    }),
  ),
  projectCase('+Infinity among the weights', broken('not-finite'), (parts) =>
    editFloats(parts, (floats) => {
      floats[500] = Number.POSITIVE_INFINITY;
    }),
  ),
  projectCase('-Infinity among the weights', broken('not-finite'), (parts) =>
    editFloats(parts, (floats) => {
      floats[7] = Number.NEGATIVE_INFINITY;
    }),
  ),
  projectCase(
    "NaN in a KNN model's examples",
    broken('not-finite'),
    (parts) =>
      editFloats(parts, (floats) => {
        floats[42] = Number.NaN;
      }),
    'knn',
  ),
  projectCase(
    'a shrunk (int8) model with a NaN scale',
    broken('wrong-shapes'),
    (parts) => {
      parts.model.trained.metadata.weightSpecs[0].quantization.scale = null;
    },
    'int8',
  ),
  projectCase(
    'a shrunk (int8) model with a zero point out of range',
    broken('wrong-shapes'),
    (parts) => {
      parts.model.trained.metadata.weightSpecs[0].quantization.zeroPoint = 4000;
    },
    'int8',
  ),
  projectCase('a base model we do not have (MobileNet v1)', broken('unknown-base-model'), (parts) => {
    parts.model.trained.metadata.baseModel = { id: 'mobilenet-v1-1.0-224', weightsSha256: 'ab'.repeat(32), embeddingSize: 1024 };
  }),
  projectCase('our base model id with other weights (sha256)', broken('unknown-base-model'), (parts) => {
    parts.model.trained.metadata.baseModel.weightsSha256 = '00'.repeat(32);
  }),
  projectCase('our base model with another embedding size', broken('unknown-base-model'), (parts) => {
    parts.model.trained.metadata.baseModel.embeddingSize = 2048;
  }),
  projectCase('no base model at all', broken('invalid'), (parts) => {
    delete parts.model.trained.metadata.baseModel;
  }),
  projectCase('one class more in the model than the weights answer', broken('classes-mismatch'), (parts) => {
    parts.model.trained.metadata.classes.push({ id: 'c3dd44', name: 'lizard' });
  }),
  projectCase('one class less in the model than the weights answer', broken('classes-mismatch'), (parts) => {
    parts.model.trained.metadata.classes.pop();
  }),
  projectCase(
    'a KNN model whose example counts do not match its classes',
    broken('classes-mismatch'),
    (parts) => {
      parts.model.trained.metadata.head.examplesPerClass.pop();
    },
    'knn',
  ),
  projectCase('gigantic declared weights size (1 TB)', broken('too-large'), (parts) => {
    parts.model.trained.weightsBytes = 2 ** 40;
  }),
  projectCase('declared weights size just over the limit', broken('too-large'), (parts) => {
    parts.model.trained.weightsBytes = 128 * 1024 * 1024 + 1;
  }),
  projectCase('declared weights size of 1e308', broken('too-large'), (parts) => {
    parts.model.trained.weightsBytes = 1e308;
  }),
  projectCase('gigantic declared layer sizes (7 × 4096 units)', broken('too-large'), (parts) => {
    const layers = Array.from({ length: 7 }, () => ({ type: 'dense', units: 4096, activation: 'relu' }));
    parts.model.trained.metadata.head.layers = [...layers, { type: 'dense', units: 3, activation: 'softmax' }];
  }),
  projectCase('a layer of a billion units (refused before any allocation)', broken('too-large'), (parts) => {
    parts.model.trained.metadata.head.layers[0].units = 1e9;
  }),
  projectCase(
    'a KNN model declaring a billion examples (refused before any allocation)',
    broken('too-large'),
    (parts) => {
      parts.model.trained.metadata.head.examplesPerClass = [1e9, 3, 5];
    },
    'knn',
  ),
  projectCase('a tensor shape of a billion by a billion', broken('too-large'), (parts) => {
    parts.model.trained.metadata.weightSpecs[0].shape = [1e9, 1e9];
  }),
  projectCase(
    'a KNN model whose example counts add up to more than the limit',
    broken('too-large'),
    (parts) => {
      parts.model.trained.metadata.head.examplesPerClass = [15_000, 15_000, 1];
    },
    'knn',
  ),
  projectCase('a head of 1000 layers', broken('too-large'), (parts) => {
    parts.model.trained.metadata.head.layers = [
      ...Array.from({ length: 999 }, () => ({ type: 'dense', units: 10, activation: 'relu' })),
      { type: 'dense', units: 3, activation: 'softmax' },
    ];
  }),
  projectCase('a negative weights size', broken('invalid'), (parts) => {
    parts.model.trained.weightsBytes = -1;
  }),
  projectCase('a fractional weights size', broken('invalid'), (parts) => {
    parts.model.trained.weightsBytes = 1.5;
  }),
  projectCase('a weights size written as text', broken('invalid'), (parts) => {
    parts.model.trained.weightsBytes = String(parts.model.trained.weightsBytes);
  }),
  projectCase('a newer model format (2)', broken('newer-version'), (parts) => {
    parts.model.trained.metadata.formatVersion = 2;
  }),
  projectCase('a far newer model format laid out differently', broken('newer-version'), (parts) => {
    parts.model.trained = { metadata: { formatVersion: 99, parts: ['weights.v99'] } };
  }),
  projectCase('a model format version 0', broken('invalid'), (parts) => {
    parts.model.trained.metadata.formatVersion = 0;
  }),
  projectCase('a model format version written as text', broken('invalid'), (parts) => {
    parts.model.trained.metadata.formatVersion = '1';
  }),
  projectCase('a newer project storage format', whole('newer-version'), (parts) => {
    parts.storage.format = 2;
  }),
  projectCase('project storage format as text', whole('invalid'), (parts) => {
    parts.storage.format = '1';
  }),
  projectCase('models is not a list', whole('invalid'), (parts) => {
    parts.storage.models = { 0: parts.model };
  }),
  projectCase('10,000 models in the project', whole('too-large'), (parts) => {
    parts.storage.models = Array.from({ length: 10_000 }, () => parts.model);
  }),
  projectCase('a head kind we do not know', broken('invalid'), (parts) => {
    parts.model.trained.metadata.head.kind = 'transformer';
  }),
  projectCase('a head activation we do not know', broken('invalid'), (parts) => {
    parts.model.trained.metadata.head.layers[0].activation = 'eval';
  }),
  projectCase('a trained date that is not a date', broken('invalid'), (parts) => {
    parts.model.trained.metadata.trainedAt = 'yesterday-ish';
  }),
  projectCase('a training history of 100,000 epochs', broken('too-large'), (parts) => {
    parts.model.trained.metadata.history = Array.from({ length: 100_000 }, (_, i) => ({ epoch: i + 1, loss: 1, acc: 0.5, ms: 1 }));
  }),
  projectCase('settings that are not settings', broken('invalid'), (parts) => {
    parts.model.settings = { method: 'magic' };
  }),
  projectCase(
    'a draft of 12 blocks, more than can train (the head editor says so), is kept as the child built it',
    loads(({ model }) => assert.equal(model.settings.head.kind === 'dense' && model.settings.head.hiddenLayers?.length, 12)),
    (parts) => {
      // A copy: the draft's settings, not the trained model's (the builder shares one object between them).
      const hiddenLayers = Array.from({ length: 12 }, () => ({ type: 'dense', units: 10, activation: 'relu' }));
      parts.model.settings = { ...parts.model.settings, head: { ...parts.model.settings.head, hiddenLayers } };
    },
  ),
  projectCase('a draft with 1000 hidden layers', broken('too-large'), (parts) => {
    parts.model.settings.head.hiddenLayers = Array.from({ length: 1000 }, () => ({ type: 'dense', units: 10, activation: 'relu' }));
  }),
  projectCase('the model is a number', broken('invalid'), (parts) => {
    parts.storage.models[0] = 42;
  }),
  projectCase('the model is null', broken('invalid'), (parts) => {
    parts.storage.models[0] = null;
  }),
  projectCase('trained is text', broken('invalid'), (parts) => {
    parts.model.trained = 'trained!';
  }),
  projectCase('trained without metadata', broken('invalid'), (parts) => {
    delete parts.model.trained.metadata;
  }),
  // Names: ids that could escape our folder or reach built-ins; texts a child's trainer will display.
  ...UNSAFE_IDS.map((id) =>
    projectCase(`model id ${JSON.stringify(id).slice(0, 40)}`, broken('unsafe-name'), (parts) => {
      parts.model.id = id;
    }),
  ),
  projectCase('a class id "../x"', broken('unsafe-name'), (parts) => {
    parts.model.classes[0].id = '../x';
  }),
  projectCase('a class id "__proto__"', broken('unsafe-name'), (parts) => {
    parts.model.classes[0].id = '__proto__';
  }),
  projectCase('two classes with one id', broken('duplicate'), (parts) => {
    parts.model.classes[1].id = parts.model.classes[0].id;
  }),
  projectCase('the same model id twice (the copy comes second)', loads(), (parts) => {
    parts.storage.models.push(structuredClone(parts.storage.models[1]));
  }),
  ...HTML_NAMES.map((evil) =>
    projectCase(
      `a class named ${JSON.stringify(evil)}`,
      loads((loaded) => {
        assert.equal(
          loaded.model.classes[0].name,
          withoutDirectionControls(evil),
          'the name is kept as plain text, only without direction controls',
        );
      }),
      (parts) => {
        parts.model.classes[0].name = evil;
      },
    ),
  ),
  // Names the trainer would refuse are repaired by its rules, and said so; ids (the weights' order) never change.
  ...NAME_CASES.map(([what, names, repaired]) =>
    projectCase(
      `classes named ${what}`,
      loads((loaded) => {
        assert.deepEqual(
          loaded.model.classes.map((info) => info.name),
          repaired,
          'the draft the trainer shows',
        );
        assert.deepEqual(
          loaded.model.trained!.metadata.classes.map((info) => info.name),
          repaired,
          'the trained model the blocks use',
        );
        assert.deepEqual(
          loaded.model.classes.map((info) => info.id),
          ['c0aa11', 'c1bb22', 'c2cc33'],
          'ids as they were',
        );
        const changed = names.flatMap((name, i) => (withoutDirectionControls(name).trim() === repaired[i] ? [] : [repaired[i]]));
        assert.deepEqual(
          loaded.renamed.map((change) => [change.kind, change.to]),
          changed.map((to) => ['class', to]),
          'the notice lists what changed',
        );
      }),
      (parts) => {
        names.forEach((name, i) => {
          parts.model.classes[i].name = name;
          parts.model.trained.metadata.classes[i].name = name;
        });
      },
    ),
  ),
  projectCase(
    'a class named "rock" only in the trained model, beside a draft "Rock"',
    loads((loaded) => {
      assert.deepEqual(
        loaded.model.trained!.metadata.classes.map((info) => info.name),
        ['paper', 'scissors', 'rock (2)'],
      );
    }),
    (parts) => {
      parts.model.classes[0].name = 'Rock';
      parts.model.trained.metadata.classes[0].id = 'gone11';
      parts.model.trained.metadata.classes[0].name = 'rock';
      parts.model.trained.metadata.classes.push(parts.model.trained.metadata.classes.shift());
      parts.model.trainedOn.classIds = parts.model.trained.metadata.classes.map((info: Json) => info.id);
    },
  ),
  projectCase(
    'a model named " " (blank)',
    loads((loaded) => {
      assert.equal(loaded.model.name, en.defaultModelName);
      assert.deepEqual(loaded.renamed, [{ kind: 'model', from: '', to: en.defaultModelName }]);
    }),
    (parts) => {
      parts.model.name = ' ';
    },
  ),
  projectCase(
    'a model named "U+202E evil"',
    loads((loaded) => {
      assert.equal(loaded.model.name, 'evil', 'no direction override in a name the blocks show');
    }),
    (parts) => {
      parts.model.name = '\u202Eevil';
    },
  ),
  projectCase(
    'a model named <script>',
    loads((loaded) => assert.equal(loaded.model.name, '<script>alert(1)</script>')),
    (parts) => {
      parts.model.name = '<script>alert(1)</script>';
    },
  ),
  projectCase('a class name of 10,000 characters', broken('invalid'), (parts) => {
    parts.model.classes[0].name = 'x'.repeat(10_000);
  }),
  projectCase('a class name of 10,000 characters in the trained model only', broken('invalid'), (parts) => {
    parts.model.trained.metadata.classes[0].name = 'ب'.repeat(10_000);
  }),
  projectCase('a model name of 10,000 characters', broken('invalid'), (parts) => {
    parts.model.name = 'm'.repeat(10_000);
  }),
  projectCase('10,000 classes in the draft', broken('too-large'), (parts) => {
    parts.model.classes = Array.from({ length: 10_000 }, (_, i) => ({ id: `c${i}`, name: `class ${i}` }));
  }),
  projectCase('10,000 classes in the trained model', broken('too-large'), (parts) => {
    parts.model.trained.metadata.classes = Array.from({ length: 10_000 }, (_, i) => ({ id: `c${i}`, name: `class ${i}` }));
  }),
  // Prototype pollution through our JSON.
  ...POLLUTERS.map(([where, tamper]) => projectCase(`"__proto__"/"constructor" keys in ${where}`, loads(), tamper)),
  // The zip itself.
  projectCase('a path-traversal entry "../../evil.bin" beside ours', loads(), (parts) => {
    parts.entries.push(entry('../../evil.bin', 'evil'));
  }),
  projectCase('an absolute entry "/etc/passwd" beside ours', loads(), (parts) => {
    parts.entries.push(entry('/etc/passwd', 'root:x:0:0'));
  }),
  projectCase(
    'a garbage entry "imageModel/../imageModel/m1dense.bin" (JSZip resolves it onto ours)',
    broken('weights-truncated'),
    (parts) => {
      parts.entries.push(entry(`imageModel/../${TARGET_ENTRY}`, new Uint8Array(12)));
    },
  ),
  projectCase('a backslash traversal entry "..\\\\imageModel\\\\m1dense.bin"', loads(), async (parts) => {
    parts.entries.push(entry('..\\imageModel\\m1dense.bin', new Uint8Array(9)));
  }),
  projectCase('the weights entry twice, the garbage copy last', broken('weights-truncated'), (parts) => {
    parts.entries.push(entry(TARGET_ENTRY, new Uint8Array(10)));
  }),
  projectCase('the weights entry twice, the garbage copy first', loads(), async (parts) => {
    const good = parts.entries.find((item) => item.name === TARGET_ENTRY)!;
    parts.entries = [entry(TARGET_ENTRY, new Uint8Array(10)), ...parts.entries.filter((item) => item !== good), good];
  }),
  projectCase('zip bomb: the weights entry inflates to 300 MB of zeros', broken('too-large'), async (parts) => {
    parts.entries = parts.entries.filter((item) => item.name !== TARGET_ENTRY).concat(await zeroBombEntry(TARGET_ENTRY, 300 * 1024 * 1024));
  }),
  projectCase('zip bomb whose directory claims the honest size', broken('too-large'), async (parts) => {
    const honest = parts.model.trained.weightsBytes as number;
    const bomb = await zeroBombEntry(TARGET_ENTRY, 64 * 1024 * 1024);
    parts.entries = parts.entries.filter((item) => item.name !== TARGET_ENTRY).concat({ ...bomb, declaredSize: honest });
  }),
  projectCase('zip bomb in an entry nobody asked for', loads(), async (parts) => {
    parts.entries.push(await zeroBombEntry('imageModel/unlisted.bin', 300 * 1024 * 1024));
  }),
  projectCase('a weights entry whose deflated bytes are garbage', broken('invalid'), (parts) => {
    const good = parts.entries.find((item) => item.name === TARGET_ENTRY)!;
    parts.entries = parts.entries
      .filter((item) => item !== good)
      .concat({ ...good, deflated: new Uint8Array(good.deflated.length).fill(0xff) });
  }),
  // The model card and class switches beside the model: left out (the card with a message), the model loads.
  ...[
    HTML_NAMES[0],
    { pictures: [1e9, -1, 2.5] },
    { measure: { measuredOn: 'held-out', tested: 2, right: 5, shaky: false, mixUps: [] } },
    { pictures: [1, 1, 1], html: HTML_NAMES[1] },
  ].map((card) =>
    projectCase(
      `a hostile model card ${JSON.stringify(card).slice(0, 60)}`,
      loads((target) => {
        assert.equal(target.model.card, undefined);
        assert.equal(target.cardUnreadable, true);
      }),
      (parts) => {
        parts.model.card = card;
      },
    ),
  ),
  projectCase(
    'a "__proto__" model card',
    loads((target) => assert.equal(target.model.card, undefined)),
    (parts) => {
      parts.text = (json) => json.replace(`"id":"${TARGET}"`, `"id":"${TARGET}","card":{"__proto__":{"polluted":true}}`);
    },
  ),
  projectCase(
    'class switches that are not ids of its classes',
    loads((target) => assert.equal(target.model.classesOff, undefined)),
    (parts) => {
      parts.model.classesOff = ['__proto__', HTML_NAMES[0], 42];
    },
  ),
];

/** A VM with our hooks, recording each load (as the editor host installs them). */
function hookedVm(vms: HeadlessVm[]) {
  const vm = createHeadlessVm() as HeadlessVm & ProjectStorageVm;
  vm.attachStorage(createStorage());
  vms.push(vm);
  const loadsSeen: ProjectModelsLoad[] = [];
  const errors: unknown[] = [];
  installProjectStorageHooks(vm, {
    getModelsForSave: () => null,
    onModelsLoaded: (load) => {
      loadsSeen.push(load);
    },
    onLoadError: (error) => errors.push(error),
  });
  return { vm, loadsSeen, errors };
}

const vms: HeadlessVm[] = [];
const log = captureVmLog();
after(() => {
  for (const vm of vms) vm.quit();
  log.restore();
});

/**
 * Files that are not a project at all go to the real VM: Scratch refuses them (its own "could not load" alert),
 * our hooks report nothing broken, and the same VM then opens a good project with its models.
 */
function wholeFileCase(name: string, bytes: () => Uint8Array | Promise<Uint8Array>): HostileCase {
  return {
    name: `${name} -> Scratch refuses it, our hooks throw nothing, a good project opens afterwards with its models`,
    run: async () => {
      const { vm, loadsSeen, errors } = hookedVm(vms);
      const before = prototypeSnapshot();
      await assert.rejects(vm.loadProject(await bytes()), 'Scratch refuses the file');
      assert.equal(prototypeSnapshot(), before);
      assert.deepEqual(errors, []);
      assert.equal(loadsSeen.length, 0, 'no half-read models reach the trainer');
      await vm.loadProject(zipParts(savedParts()));
      assert.equal(loadsSeen.length, 1);
      assert.deepEqual(
        loadsSeen[0].models.map((loaded) => loaded.status),
        ['ok', 'ok'],
      );
    },
  };
}

function randomBytes(length: number, seed: number): Uint8Array {
  let state = seed;
  return Uint8Array.from({ length }, () => (state = (state * 1103515245 + 12345) >>> 0) >>> 24);
}

const WHOLE_FILES: HostileCase[] = [
  wholeFileCase('an empty file', () => new Uint8Array()),
  wholeFileCase('64 KB of random bytes', () => randomBytes(64 * 1024, 1)),
  wholeFileCase('random bytes that start like a zip', () => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...randomBytes(4096, 2)])),
  wholeFileCase('a PNG renamed .sb3', () => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...randomBytes(512, 3)])),
  wholeFileCase('a text file renamed .sb3', () => new TextEncoder().encode('my homework, not a project\n')),
  wholeFileCase('a real project cut in half', () => {
    const bytes = zipParts(savedParts());
    return bytes.slice(0, bytes.length >> 1);
  }),
  wholeFileCase('a zip without project.json', () => rawZip([entry('hello.txt', 'hi')])),
  wholeFileCase('a project.json that is not JSON', () => rawZip([entry('project.json', '{"targets": [ oops')])),
  {
    name: 'a project with a tampered model through the real VM -> the project opens, the model is marked broken, the other loads',
    run: async () => {
      const parts = savedParts();
      await editFloats(parts, (floats) => {
        floats[3] = Number.NaN;
      });
      const { vm, loadsSeen, errors } = hookedVm(vms);
      await vm.loadProject(zipParts(parts));
      assert.deepEqual(errors, []);
      assert.equal(vm.runtime.targets.length, 1, "Scratch's part of the project loaded");
      assert.equal(loadsSeen[0].models[0].status === 'broken' && loadsSeen[0].models[0].problem, 'not-finite');
      assertBystanderLoads(loadsSeen[0]);
    },
  },
  {
    name: 'project.json twice in the zip with "__proto__" storage in one -> opens through the real VM, no pollution',
    run: async () => {
      const parts = savedParts();
      const polluted = JSON.stringify(parts.projectJson).replace(
        '"extensionStorage":{',
        '"extensionStorage":{"__proto__":{"polluted":true},',
      );
      const bytes = rawZip([entry('project.json', polluted), entry('project.json', JSON.stringify(parts.projectJson)), ...parts.entries]);
      const { vm, loadsSeen, errors } = hookedVm(vms);
      const before = prototypeSnapshot();
      await vm.loadProject(bytes);
      assertNoPollution(before, loadsSeen);
      assert.deepEqual(errors, []);
      assert.equal(loadsSeen.length, 1);
      assert.deepEqual(
        loadsSeen[0].models.map((loaded) => loaded.status),
        ['ok', 'ok'],
      );
    },
  },
];

hostileCases('projects', [...CASES, ...WHOLE_FILES]);
