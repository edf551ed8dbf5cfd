// Node-only fixtures for the project-file tests: models with recognisable weights, project.json as scratch-vm
// 15.1.1 writes it for an empty project, and real .sb3 zips made with JSZip.
import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import { denseLayersFor } from '../../engine/heads/dense-kind';
import { expectedWeightSpecs } from '../../engine/heads/kinds';
import { writeModel } from '../../engine/model-format/model-format';
import { settingsWith } from '../../engine/test-support/settings';
import type { ClassInfo, HeadDescription, SerializedModel } from '../../engine/types';
import { readModelsFromProject } from '../read-models';
import type { ProjectModel, ProjectModels, ProjectModelsLoad } from '../types';
import { writeModelsIntoProject } from '../write-models';

export const CLASSES: ClassInfo[] = [
  { id: 'c0aa11', name: 'rock' },
  { id: 'c1bb22', name: 'paper' },
  { id: 'c2cc33', name: 'scissors' },
];

/** A model whose every weight is distinct (value from position and seed), as the trainer would write it. */
export function syntheticModel(kind: 'dense' | 'knn', seed = 1): SerializedModel {
  const head: HeadDescription =
    kind === 'dense' ? { kind, layers: denseLayersFor(CLASSES.length) } : { kind, k: 3, examplesPerClass: [4, 3, 5] };
  const specs = expectedWeightSpecs(head);
  let position = 0;
  const values = specs.map((spec) =>
    Float32Array.from({ length: spec.shape.reduce((a, b) => a * b, 1) }, () => Math.sin(seed * 1000 + position++) / 10),
  );
  return writeModel({
    name: `${kind} model`,
    classes: CLASSES,
    settings: settingsWith({ kind }),
    history: [{ epoch: 1, loss: 0.5, acc: 0.9, ms: 3 }],
    head,
    weights: { specs, values },
    trainedAt: new Date('2026-11-01T10:00:00Z'),
  });
}

export function projectModel(id: string, kind: 'dense' | 'knn', seed = 1): ProjectModel {
  const trained = syntheticModel(kind, seed);
  return {
    id,
    name: `${kind} model ${seed}`,
    classes: CLASSES,
    settings: trained.metadata.settings,
    trained,
    trainedOn: { classIds: CLASSES.map((info) => info.id), pictureIds: [] },
  };
}

const BACKDROP_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"/>';
const BACKDROP_ID = createHash('md5').update(BACKDROP_SVG).digest('hex');

/** project.json of an empty project, shaped as scratch-vm's sb3 serializer writes it. */
export function vanillaProjectJson(): Record<string, unknown> {
  return {
    targets: [
      {
        isStage: true,
        name: 'Stage',
        variables: {},
        lists: {},
        broadcasts: {},
        blocks: {},
        comments: {},
        currentCostume: 0,
        costumes: [
          {
            name: 'backdrop1',
            dataFormat: 'svg',
            assetId: BACKDROP_ID,
            md5ext: `${BACKDROP_ID}.svg`,
            rotationCenterX: 1,
            rotationCenterY: 1,
          },
        ],
        sounds: [],
        volume: 100,
        layerOrder: 0,
        tempo: 60,
        videoTransparency: 50,
        videoState: 'on',
        textToSpeechLanguage: null,
      },
    ],
    monitors: [],
    extensions: [],
    meta: { semver: '3.0.0', vm: '15.1.1', agent: 'node' },
  };
}

/** A real .sb3: project.json plus the backdrop asset plus whatever `extra` adds to the zip. */
export async function sb3Bytes(projectJson: Record<string, unknown>, extra?: (zip: JSZip) => void): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('project.json', JSON.stringify(projectJson));
  zip.file(`${BACKDROP_ID}.svg`, BACKDROP_SVG);
  extra?.(zip);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

/** Opens .sb3 bytes the way scratch-parser does: JSZip, then project.json parsed with JSON.parse. */
export async function openSb3(bytes: Uint8Array): Promise<{ projectJson: unknown; zip: JSZip }> {
  const zip = await JSZip.loadAsync(bytes);
  const text = await zip.file('project.json')!.async('string');
  return { projectJson: JSON.parse(text), zip };
}

/** Save → .sb3 bytes → open, as the VM hooks do (JSZip in Node reads bytes, so Blobs are turned into bytes here). */
export async function throughSb3(models: ProjectModels): Promise<{ load: ProjectModelsLoad; entries: string[] }> {
  const withBytes: ProjectModels = {
    ...models,
    models: await Promise.all(
      models.models.map(async (model) => ({
        ...model,
        pictures: await Promise.all(
          (model.pictures ?? []).map(async (picture) => ({
            ...picture,
            encoded: picture.encoded instanceof Blob ? new Uint8Array(await picture.encoded.arrayBuffer()) : picture.encoded,
          })),
        ),
      })),
    ),
  };
  const projectJson = vanillaProjectJson();
  const bytes = await sb3Bytes(projectJson, (zip) => writeModelsIntoProject(projectJson, zip, withBytes));
  // writeModelsIntoProject changed projectJson after sb3Bytes wrote it: write it again, as the VM's toJSON would.
  const { zip } = await openSb3(bytes);
  zip.file('project.json', JSON.stringify(projectJson));
  const reopened = await openSb3(await zip.generateAsync({ type: 'uint8array' }));
  return { load: await readModelsFromProject(reopened.projectJson, reopened.zip), entries: Object.keys(reopened.zip.files) };
}
