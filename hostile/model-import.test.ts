// Hostile files picked in "Import a model": not models, truncated zips, zip bombs, Teachable Machine models on
// another backbone, damaged parts, oversized or odd labels, "__proto__" keys. Each is fed to the real importer
// (engine/interchange) and must be refused with its own reason (an ImportError code the trainer explains), or
// imported correctly; nothing else is thrown, nothing hangs, no prototype is polluted, and a good model still
// imports afterwards.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import {
  encodeModel,
  exportModelFiles,
  importModelFiles,
  isImportError,
  withoutDirectionControls,
  type BackboneArtifacts,
  type ImportFile,
  type ImportProblem,
  type NameChange,
  type SerializedModel,
} from '../engine';
import { TEST_IMPORT_NAMES } from '../engine/interchange/test-support/import-names';
import { BACKBONE_FOLDER, sharedModelsDir, signDigitPhotos } from '../engine/test-support/shared-data';
import { syntheticModel } from '../project-file/test-support/projects';
import { hostileCases, prototypeSnapshot, type HostileCase } from './support/cases';
import { entry, rawZip, zeroBombEntry } from './support/raw-zip';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tampering reaches anywhere

function backboneArtifacts(): BackboneArtifacts {
  const dir = path.join(sharedModelsDir(), BACKBONE_FOLDER);
  const json = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8'));
  const weights = readFileSync(path.join(dir, 'weights.bin'));
  return { modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: new Uint8Array(weights).buffer };
}

const BACKBONE = backboneArtifacts();
const BACKBONE_BYTES = BACKBONE.weightData.byteLength;
const MODEL = syntheticModel('dense', 3);
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const decode = (bytes: Uint8Array): Json => JSON.parse(new TextDecoder().decode(bytes));

let exported: Promise<ImportFile[]> | undefined;
/** Our export of MODEL: model.json, weights.bin, metadata.json (TM's layout) and image-model.bin (exact). */
async function exportedFiles(): Promise<ImportFile[]> {
  exported ??= exportModelFiles(MODEL, BACKBONE);
  return (await exported).map((file) => ({ name: file.name, bytes: file.bytes.slice() }));
}

/** Teachable Machine's three files only (as TM itself exports them), with `edit` applied to them by name. */
async function tmFiles(edit: (files: Map<string, Uint8Array>) => void = () => {}): Promise<ImportFile[]> {
  const files = new Map((await exportedFiles()).filter((file) => file.name !== 'image-model.bin').map((file) => [file.name, file.bytes]));
  edit(files);
  return [...files].map(([name, bytes]) => ({ name, bytes }));
}

const editJson = (files: Map<string, Uint8Array>, name: string, edit: (json: Json) => void) => {
  const json = decode(files.get(name)!);
  edit(json);
  files.set(name, encode(json));
};
const editText = (files: Map<string, Uint8Array>, name: string, edit: (text: string) => string) => {
  files.set(name, new TextEncoder().encode(edit(new TextDecoder().decode(files.get(name)!))));
};
const headLayers = (json: Json): Json[] => json.modelTopology.config.layers[1].config.layers;
const manifest = (json: Json): Json[] => json.weightsManifest[0].weights;

async function zipOf(files: readonly ImportFile[]): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const file of files) zip.file(file.name, file.bytes);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** Our exact file with its metadata edited (weights kept). */
function exactFile(edit: (metadata: Json) => void, model: SerializedModel = MODEL): ImportFile {
  const metadata = structuredClone(model.metadata) as Json;
  edit(metadata);
  return { name: 'image-model.bin', bytes: encodeModel({ metadata: metadata as SerializedModel['metadata'], weights: model.weights }) };
}

function refused(name: string, problem: ImportProblem, files: () => Promise<readonly ImportFile[]> | readonly ImportFile[]): HostileCase {
  return {
    name: `${name} -> refused (${problem})`,
    run: async () => {
      const input = await files();
      const before = prototypeSnapshot();
      await assert.rejects(importModelFiles(input, TEST_IMPORT_NAMES), (error) => {
        assert.ok(isImportError(error), `an ImportError, not ${String(error)}`);
        assert.equal(error.problem, problem, error.detail);
        return true;
      });
      assert.equal(prototypeSnapshot(), before, 'prototypes unchanged');
    },
  };
}

type ImportCheck = (model: SerializedModel, renamed: readonly NameChange[]) => void;

function imported(
  name: string,
  files: () => Promise<readonly ImportFile[]> | readonly ImportFile[],
  check: ImportCheck = () => {},
): HostileCase {
  return {
    name: `${name} -> imported correctly`,
    run: async () => {
      const input = await files();
      const before = prototypeSnapshot();
      const { model, renamed } = await importModelFiles(input, TEST_IMPORT_NAMES);
      assert.equal(prototypeSnapshot(), before, 'prototypes unchanged');
      assert.equal(({} as Json).polluted, undefined);
      assert.ok(!JSON.stringify(model.metadata).includes('polluted'), 'nothing from hostile keys reached the model');
      assert.equal(model.metadata.classes.length, MODEL.metadata.classes.length);
      check(model, renamed);
    },
  };
}

/** The head's float32 numbers start right after the backbone in our export's weights.bin. */
function withHeadFloat(files: Map<string, Uint8Array>, index: number, value: number): void {
  const weights = files.get('weights.bin')!.slice();
  new DataView(weights.buffer).setFloat32(BACKBONE_BYTES + index * 4, value, true);
  files.set('weights.bin', weights);
}

function randomBytes(length: number, seed: number): Uint8Array {
  let state = seed;
  return Uint8Array.from({ length }, () => (state = (state * 1103515245 + 12345) >>> 0) >>> 24);
}

const HTML_LABELS = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><b>bold</b>'];
/** [what, metadata.json's labels, the class names the trainer and the blocks get]. */
const LABEL_CASES: [string, string[], string[]][] = [
  ['"" and " "', ['', ' ', 'scissors'], ['Class 1', 'Class 2', 'scissors']],
  ['"rock" twice', ['rock', 'rock', 'scissors'], ['rock', 'rock (2)', 'scissors']],
  ['"Rock" and "rock "', ['Rock', 'rock ', 'scissors'], ['Rock', 'rock (2)', 'scissors']],
  ['with a right-to-left override ("U+202E kcor")', ['\u202Ekcor', 'paper', 'scissors'], ['kcor', 'paper', 'scissors']],
];
const sameWeights = (model: SerializedModel) => assert.deepEqual(new Uint8Array(model.weights), new Uint8Array(MODEL.weights));

const CASES: HostileCase[] = [
  // Not a model at all.
  refused('an empty file', 'not-a-model', () => [{ name: 'model.zip', bytes: new Uint8Array() }]),
  refused('a photo (JPEG)', 'not-a-model', () => [{ name: 'hand.jpg', bytes: new Uint8Array(readFileSync(signDigitPhotos(0)[0])) }]),
  refused('64 KB of random bytes', 'not-a-model', () => [{ name: 'model.dat', bytes: randomBytes(65536, 7) }]),
  refused('random bytes named like weights ("model.bin")', 'missing-part', () => [{ name: 'model.bin', bytes: randomBytes(65536, 8) }]),
  refused('a text file', 'not-a-model', () => [{ name: 'notes.txt', bytes: new TextEncoder().encode('not a model') }]),
  refused('a PDF', 'not-a-model', () => [{ name: 'homework.pdf', bytes: new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj') }]),
  refused('a Scratch project (.sb3)', 'not-a-model', async () => {
    const zip = new JSZip();
    zip.file('project.json', '{"targets":[]}');
    return [{ name: 'game.sb3', bytes: await zip.generateAsync({ type: 'uint8array' }) }];
  }),
  refused('model.json that is not JSON', 'not-a-model', () =>
    tmFiles((files) => files.set('model.json', new TextEncoder().encode('{"modelTopology": oops'))),
  ),
  refused('model.json that is a list', 'not-a-model', () => tmFiles((files) => files.set('model.json', encode([1, 2, 3])))),
  refused('model.json that is an empty object', 'not-a-model', () => tmFiles((files) => files.set('model.json', encode({})))),
  refused('model.json in UTF-16', 'not-a-model', () =>
    tmFiles((files) => files.set('model.json', Uint8Array.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]))),
  ),
  refused('model.json without a weights manifest', 'not-a-model', () =>
    tmFiles((files) =>
      editJson(files, 'model.json', (json) => {
        delete json.weightsManifest;
      }),
    ),
  ),
  // Missing parts.
  refused('metadata.json alone', 'missing-part', () =>
    tmFiles((files) => {
      files.delete('model.json');
      files.delete('weights.bin');
    }),
  ),
  refused('weights.bin alone', 'missing-part', () =>
    tmFiles((files) => {
      files.delete('model.json');
      files.delete('metadata.json');
    }),
  ),
  refused('model.json without weights.bin', 'missing-part', () => tmFiles((files) => files.delete('weights.bin'))),
  refused('model.json without metadata.json', 'missing-part', () => tmFiles((files) => files.delete('metadata.json'))),
  // Truncated and hostile zips.
  refused('our export zip cut to its first 10 bytes', 'not-a-model', async () => [
    { name: 'model.zip', bytes: (await zipOf(await exportedFiles())).slice(0, 10) },
  ]),
  refused('our export zip cut in half', 'not-a-model', async () => {
    const bytes = await zipOf(await exportedFiles());
    return [{ name: 'model.zip', bytes: bytes.slice(0, bytes.length >> 1) }];
  }),
  refused('our export zip without its last 22 bytes (end of directory)', 'not-a-model', async () => {
    const bytes = await zipOf(await exportedFiles());
    return [{ name: 'model.zip', bytes: bytes.slice(0, -22) }];
  }),
  refused('a zip whose weights entry holds broken deflate data', 'damaged', async () => {
    const files = await tmFiles();
    const entries = files.map((file) => entry(file.name, file.bytes));
    const weights = entries.findIndex((item) => item.name === 'weights.bin');
    entries[weights] = { ...entries[weights], deflated: new Uint8Array(entries[weights].deflated.length).fill(0xff) };
    return [{ name: 'model.zip', bytes: rawZip(entries) }];
  }),
  refused('zip bomb: an entry inflating to 300 MB of zeros', 'too-large', async () => {
    const files = await tmFiles();
    return [
      {
        name: 'model.zip',
        bytes: rawZip([...files.map((file) => entry(file.name, file.bytes)), await zeroBombEntry('padding.bin', 300 * 1024 * 1024)]),
      },
    ];
  }),
  refused('zip bomb whose directory claims 1000 bytes', 'too-large', async () => {
    const bomb = await zeroBombEntry('weights.bin', 200 * 1024 * 1024);
    const files = await tmFiles();
    return [
      {
        name: 'model.zip',
        bytes: rawZip([
          ...files.filter((file) => file.name !== 'weights.bin').map((file) => entry(file.name, file.bytes)),
          { ...bomb, declaredSize: 1000 },
        ]),
      },
    ];
  }),
  refused('a zip of 101 files', 'not-a-model', () => [
    { name: 'many.zip', bytes: rawZip(Array.from({ length: 101 }, (_, i) => entry(`f${i}.txt`, 'x'))) },
  ]),
  refused('a zip with weights.bin twice, the garbage copy last', 'damaged', async () => {
    const files = await tmFiles();
    return [
      {
        name: 'model.zip',
        bytes: rawZip([...files.map((file) => entry(file.name, file.bytes)), entry('weights.bin', new Uint8Array(16))]),
      },
    ];
  }),
  imported('a zip whose files sit under "../../" names', async () => {
    const files = await tmFiles();
    return [{ name: 'model.zip', bytes: rawZip(files.map((file) => entry(`../../${file.name}`, file.bytes))) }];
  }),
  imported('a zip with absolute and backslash names', async () => {
    const files = await tmFiles();
    return [
      {
        name: 'model.zip',
        bytes: rawZip(files.map((file, i) => entry(i === 0 ? `/tmp/${file.name}` : `..\\x\\${file.name}`, file.bytes))),
      },
    ];
  }),
  refused('a file over 64 MB', 'too-large', () => [{ name: 'weights.bin', bytes: new Uint8Array(64 * 1024 * 1024 + 1) }]),
  refused('three files of 50 MB', 'too-large', () => {
    const big = new Uint8Array(50 * 1024 * 1024);
    return [
      { name: 'a.bin', bytes: big },
      { name: 'b.bin', bytes: big },
      { name: 'c.bin', bytes: big },
    ];
  }),
  // A Teachable Machine model on another backbone.
  refused('TM model whose first backbone weight differs', 'other-base-model', () =>
    tmFiles((files) => {
      const weights = files.get('weights.bin')!.slice();
      new Float32Array(weights.buffer, 0, 16)[10] += 0.5;
      files.set('weights.bin', weights);
    }),
  ),
  refused('TM model whose backbone weights are all zeros', 'other-base-model', () =>
    tmFiles((files) => {
      const weights = files.get('weights.bin')!.slice();
      weights.fill(0, 0, BACKBONE_BYTES);
      files.set('weights.bin', weights);
    }),
  ),
  refused('TM model whose backbone lacks its last tensor (a smaller network)', 'other-base-model', () =>
    tmFiles((files) => {
      let removedBytes = 0;
      editJson(files, 'model.json', (json) => {
        const entries = manifest(json);
        const last = BACKBONE.weightSpecs.length - 1;
        removedBytes = entries[last].shape.reduce((a: number, b: number) => a * b, 1) * 4;
        entries.splice(last, 1);
      });
      const weights = files.get('weights.bin')!;
      files.set(
        'weights.bin',
        Uint8Array.from([...weights.subarray(0, BACKBONE_BYTES - removedBytes), ...weights.subarray(BACKBONE_BYTES)]),
      );
    }),
  ),
  refused('our exact file claiming MobileNet v1', 'other-base-model', () => [
    exactFile((metadata) => {
      metadata.baseModel = { id: 'mobilenet-v1-1.0-224', weightsSha256: 'ab'.repeat(32), embeddingSize: 1024 };
    }),
  ]),
  // Damaged TM parts.
  refused('weights.bin cut short', 'damaged', () => tmFiles((files) => files.set('weights.bin', files.get('weights.bin')!.slice(0, 5000)))),
  refused('weights.bin one byte too long', 'damaged', () =>
    tmFiles((files) => files.set('weights.bin', Uint8Array.from([...files.get('weights.bin')!, 0]))),
  ),
  refused('NaN in the head', 'damaged', () => tmFiles((files) => withHeadFloat(files, 5, Number.NaN))),
  refused('Infinity in the head', 'damaged', () => tmFiles((files) => withHeadFloat(files, 0, Number.POSITIVE_INFINITY))),
  refused('more labels than the model answers', 'damaged', () =>
    tmFiles((files) =>
      editJson(files, 'metadata.json', (json) => {
        json.labels.push('extra');
      }),
    ),
  ),
  refused('10,000 labels', 'damaged', () =>
    tmFiles((files) =>
      editJson(files, 'metadata.json', (json) => {
        json.labels = Array.from({ length: 10_000 }, (_, i) => `label ${i}`);
      }),
    ),
  ),
  refused('labels that are numbers', 'damaged', () =>
    tmFiles((files) =>
      editJson(files, 'metadata.json', (json) => {
        json.labels = [1, 2, 3];
      }),
    ),
  ),
  refused('metadata.json that is not JSON', 'damaged', () =>
    tmFiles((files) => files.set('metadata.json', new TextEncoder().encode('labels: a, b, c'))),
  ),
  refused('a manifest entry of int32', 'unsupported-model', () =>
    tmFiles((files) =>
      editJson(files, 'model.json', (json) => {
        manifest(json).at(-1)!.dtype = 'int32';
      }),
    ),
  ),
  refused('a quantized manifest entry', 'unsupported-model', () =>
    tmFiles((files) =>
      editJson(files, 'model.json', (json) => {
        manifest(json).at(-1)!.quantization = { dtype: 'uint8', scale: 1, min: 0 };
      }),
    ),
  ),
  refused('a manifest of 2001 weights', 'too-large', () =>
    tmFiles((files) =>
      editJson(files, 'model.json', (json) => {
        json.weightsManifest[0].weights = Array.from({ length: 2001 }, (_, i) => ({ name: `w${i}`, shape: [1], dtype: 'float32' }));
      }),
    ),
  ),
  refused('a manifest shape with a negative size', 'damaged', () =>
    tmFiles((files) =>
      editJson(files, 'model.json', (json) => {
        manifest(json)[0].shape = [-3, 3];
      }),
    ),
  ),
  refused('a manifest shape of a billion by a billion', 'damaged', () =>
    tmFiles((files) =>
      editJson(files, 'model.json', (json) => {
        manifest(json)[0].shape = [1e9, 1e9];
      }),
    ),
  ),
  refused('a weight listed twice in the manifest', 'damaged', () =>
    tmFiles((files) =>
      editJson(files, 'model.json', (json) => {
        manifest(json)[1].name = manifest(json)[0].name;
      }),
    ),
  ),
  refused('a head layer with an unknown activation', 'unsupported-model', () =>
    tmFiles((files) =>
      editJson(files, 'model.json', (json) => {
        headLayers(json)[0].config.activation = 'eval';
      }),
    ),
  ),
  refused('a head layer that is a convolution', 'unsupported-model', () =>
    tmFiles((files) =>
      editJson(files, 'model.json', (json) => {
        headLayers(json)[0].class_name = 'Conv2D';
      }),
    ),
  ),
  refused('a head layer of a billion units', 'damaged', () =>
    tmFiles((files) =>
      editJson(files, 'model.json', (json) => {
        headLayers(json)[0].config.units = 1e9;
      }),
    ),
  ),
  refused('a model without a classifier head (a pose or feature model)', 'unsupported-model', () =>
    tmFiles((files) =>
      editJson(files, 'model.json', (json) => {
        json.modelTopology.config.layers.pop();
      }),
    ),
  ),
  refused('a head of 9 layers', 'unsupported-model', () =>
    tmFiles((files) =>
      editJson(files, 'model.json', (json) => {
        const layers = headLayers(json);
        layers.unshift(...Array.from({ length: 8 }, (_, i) => ({ class_name: 'Dropout', config: { name: `drop${i}`, rate: 0.1 } })));
      }),
    ),
  ),
  refused('a dropout rate of 7', 'damaged', () =>
    tmFiles((files) =>
      editJson(files, 'model.json', (json) => {
        headLayers(json).unshift({ class_name: 'Dropout', config: { name: 'drop', rate: 7 } });
      }),
    ),
  ),
  // Our exact file, damaged.
  refused('our exact file cut short', 'damaged', async () => {
    const exact = (await exportedFiles()).find((file) => file.name === 'image-model.bin')!;
    return [{ name: exact.name, bytes: exact.bytes.slice(0, exact.bytes.length - 100) }];
  }),
  refused('our exact file with only its header', 'damaged', () => [
    { name: 'image-model.bin', bytes: new TextEncoder().encode('IMGMODEL') },
  ]),
  refused('our exact file declaring 4 GB of metadata', 'damaged', () => {
    const bytes = new Uint8Array(64);
    bytes.set(new TextEncoder().encode('IMGMODEL'));
    new DataView(bytes.buffer).setUint32(8, 0xffffffff, true);
    return [{ name: 'image-model.bin', bytes }];
  }),
  refused('our exact file from a newer format', 'unsupported-model', () => [
    exactFile((metadata) => {
      metadata.formatVersion = 2;
    }),
  ]),
  refused('our exact file with NaN weights', 'damaged', () => {
    const weights = MODEL.weights.slice(0);
    new Float32Array(weights)[9] = Number.NaN;
    return [{ name: 'image-model.bin', bytes: encodeModel({ metadata: MODEL.metadata, weights }) }];
  }),
  refused('our exact file with 10,000 classes', 'too-large', () => [
    exactFile((metadata) => {
      metadata.classes = Array.from({ length: 10_000 }, (_, i) => ({ id: `c${i}`, name: `class ${i}` }));
    }),
  ]),
  refused('our exact file with a class name of 10,000 characters', 'damaged', () => [
    exactFile((metadata) => {
      metadata.classes[0].name = 'x'.repeat(10_000);
    }),
  ]),
  // Odd but harmless: imported with names kept as plain text and no pollution.
  imported(
    'labels with HTML and script',
    () =>
      tmFiles((files) =>
        editJson(files, 'metadata.json', (json) => {
          json.labels = HTML_LABELS;
        }),
      ),
    (model) => {
      assert.deepEqual(
        model.metadata.classes.map((info) => info.name),
        HTML_LABELS,
      );
    },
  ),
  // Labels the trainer would refuse (TM allows them) are repaired by its rules and listed for the trainer to say so.
  ...LABEL_CASES.map(([what, labels, repaired]) =>
    imported(
      `labels ${what}`,
      () =>
        tmFiles((files) =>
          editJson(files, 'metadata.json', (json) => {
            json.labels = labels;
          }),
        ),
      (model, renamed) => {
        assert.deepEqual(
          model.metadata.classes.map((info) => info.name),
          repaired,
        );
        assert.deepEqual(
          model.metadata.classes.map((info) => info.id),
          ['class-1', 'class-2', 'class-3'],
          'ids by position, as the weights answer',
        );
        const changed = labels.flatMap((label, i) =>
          withoutDirectionControls(label).trim() === repaired[i]
            ? []
            : [{ kind: 'class', from: withoutDirectionControls(label).trim(), to: repaired[i] }],
        );
        assert.deepEqual(renamed, changed);
      },
    ),
  ),
  imported(
    'our exact file with two classes named "Rock" and "rock " and a blank model name',
    () => [
      exactFile((metadata) => {
        metadata.name = ' ';
        metadata.classes[0].name = 'Rock';
        metadata.classes[1].name = 'rock ';
      }),
    ],
    (model, renamed) => {
      assert.equal(model.metadata.name, TEST_IMPORT_NAMES.model);
      assert.deepEqual(
        model.metadata.classes.map((info) => info.name),
        ['Rock', 'rock (2)', 'scissors'],
      );
      assert.deepEqual(renamed, [
        { kind: 'model', from: '', to: TEST_IMPORT_NAMES.model },
        { kind: 'class', from: 'rock', to: 'rock (2)' },
      ]);
    },
  ),
  imported(
    'a Teachable Machine model named "U+202E exe.gpj"',
    () =>
      tmFiles((files) =>
        editJson(files, 'metadata.json', (json) => {
          json.modelName = '\u202Eexe.gpj';
        }),
      ),
    (model, renamed) => {
      assert.equal(model.metadata.name, 'exe.gpj', 'the override is gone, so the name reads as it is stored');
      assert.deepEqual(renamed, []);
    },
  ),
  imported(
    'a label of 10,000 characters (shortened to 200)',
    () =>
      tmFiles((files) =>
        editJson(files, 'metadata.json', (json) => {
          json.labels[0] = 'y'.repeat(10_000);
        }),
      ),
    (model) => {
      assert.equal(model.metadata.classes[0].name, 'y'.repeat(200));
    },
  ),
  imported(
    'a model name of 10,000 characters (shortened to 200)',
    () =>
      tmFiles((files) =>
        editJson(files, 'metadata.json', (json) => {
          json.modelName = 'n'.repeat(10_000);
        }),
      ),
    (model) => {
      assert.equal(model.metadata.name.length, 200);
    },
  ),
  imported('"__proto__" keys in metadata.json', () =>
    tmFiles((files) => editText(files, 'metadata.json', (text) => text.replace('{', '{"__proto__":{"polluted":true},'))),
  ),
  imported('"constructor.prototype" keys in metadata.json', () =>
    tmFiles((files) => editText(files, 'metadata.json', (text) => text.replace('{', '{"constructor":{"prototype":{"polluted":true}},'))),
  ),
  imported('"__proto__" keys in model.json\'s topology and manifest', () =>
    tmFiles((files) =>
      editText(files, 'model.json', (text) =>
        text
          .replace('"modelTopology":{', '"modelTopology":{"__proto__":{"polluted":true},')
          .replace('"weightsManifest":[{', '"weightsManifest":[{"__proto__":{"polluted":true},'),
      ),
    ),
  ),
  imported(
    '"__proto__" keys in our exact file\'s metadata',
    async () => {
      const exact = (await exportedFiles()).find((file) => file.name === 'image-model.bin')!;
      const json = new TextDecoder().decode(exact.bytes.subarray(12, 12 + new DataView(exact.bytes.buffer).getUint32(8, true)));
      const metadata = JSON.parse(
        json.replace('{', '{"__proto__":{"polluted":true},').replace('"settings":{', '"settings":{"__proto__":{"polluted":true},'),
      );
      return [{ name: 'image-model.bin', bytes: encodeModel({ metadata, weights: MODEL.weights }) }];
    },
    sameWeights,
  ),
  imported('a weights path pointing outside ("../../etc/passwd"): only the picked file is used', () =>
    tmFiles((files) =>
      editJson(files, 'model.json', (json) => {
        json.weightsManifest[0].paths = ['../../etc/passwd'];
      }),
    ),
  ),
  imported('a weights file renamed by the browser ("weights (1).bin")', () =>
    tmFiles((files) => {
      files.set('weights (1).bin', files.get('weights.bin')!);
      files.delete('weights.bin');
    }),
  ),
  imported(
    'after all the refusals above, our own export',
    async () => [{ name: 'model.zip', bytes: await zipOf(await exportedFiles()) }],
    sameWeights,
  ),
];

hostileCases('model import', CASES);
