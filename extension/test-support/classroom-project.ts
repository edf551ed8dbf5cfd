// The classroom example the live-recognition tests load (Node and browser), built in code: a big sprite
// whose costume is a shared photo, covering the middle of the stage, and two scripts:
//   when [CLASS] is recognized: change [hat count] by 1; set [result] to (result)
//   when green flag clicked:    (video)   [choose camera [CAMERA]]; turn video [on flipped];
//                                         recognize video every (0.1) seconds
//                               (stage)   recognize [stage]; set [result] to (result)
//                               (costume) recognize [this costume]; set [result] to (result)
import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import { variableMonitor } from './recognize-project';

export const CLASSROOM_VARIABLES = { hatCount: 'hat count', result: 'result' } as const;
/** With `handReporters`: a forever loop keeps these two showing `hand found?` and `x of [index finger tip]`. */
export const HAND_VARIABLES = { found: 'hand found', fingerX: 'finger x' } as const;
export const PHOTO_SPRITE = 'Photo';
export type FlagScript = 'video' | 'stage' | 'costume';

/** Scratch shows a 100x100 photo 3.6 times larger: it fills the stage's centre square (360x360). */
const PHOTO_SIZE_PERCENT = 360;

const BACKDROP_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="480" height="360" viewBox="0 0 480 360"><rect width="480" height="360" fill="#ffffff"/></svg>';

type Block = Record<string, unknown>;

function md5(data: string | Buffer): string {
  return createHash('md5').update(data).digest('hex');
}

function scripts(hatClass: string, flagScript: FlagScript, camera?: string, handReporters = false): Record<string, Block> {
  const blocks: Record<string, Block> = {};
  const add = (id: string, block: Block) => {
    blocks[id] = { next: null, parent: null, inputs: {}, fields: {}, shadow: false, topLevel: false, ...block };
  };
  const chain = (ids: readonly string[]) =>
    ids.forEach((id, index) => {
      if (index > 0) blocks[id].parent = ids[index - 1];
      if (index < ids.length - 1) blocks[id].next = ids[index + 1];
    });
  const setResult = (id: string) => {
    add(id, {
      opcode: 'data_setvariableto',
      inputs: { VALUE: [3, `${id}-reporter`, [10, '']] },
      fields: { VARIABLE: [CLASSROOM_VARIABLES.result, 'var-result'] },
    });
    add(`${id}-reporter`, { opcode: 'imageModel_result', parent: id });
  };

  add('hat', { opcode: 'imageModel_whenRecognized', topLevel: true, x: 40, y: 40, inputs: { CLASS: [1, 'hat-class'] } });
  add('hat-class', { opcode: 'imageModel_menu_classes', parent: 'hat', shadow: true, fields: { classes: [hatClass, null] } });
  add('count', {
    opcode: 'data_changevariableby',
    inputs: { VALUE: [1, [4, '1']] },
    fields: { VARIABLE: [CLASSROOM_VARIABLES.hatCount, 'var-hat-count'] },
  });
  setResult('hat-result');
  chain(['hat', 'count', 'hat-result']);

  add('flag', { opcode: 'event_whenflagclicked', topLevel: true, x: 40, y: 240 });
  if (flagScript === 'video') {
    add('video-on', { opcode: 'imageModel_videoToggle', fields: { VIDEO_STATE: ['on-flipped', null] } });
    add('recognize', { opcode: 'imageModel_recognizeVideo', inputs: { INTERVAL: [1, [4, '0.1']] } });
    if (camera === undefined) {
      chain(['flag', 'video-on', 'recognize']);
    } else {
      add('camera', { opcode: 'imageModel_chooseCamera', inputs: { CAMERA: [1, 'camera-menu'] } });
      add('camera-menu', { opcode: 'imageModel_menu_cameras', parent: 'camera', shadow: true, fields: { cameras: [camera, null] } });
      chain(['flag', 'camera', 'video-on', 'recognize']);
    }
  } else {
    add('recognize', { opcode: 'imageModel_recognizePicture', fields: { SOURCE: [flagScript, null] } });
    setResult('flag-result');
    chain(['flag', 'recognize', 'flag-result']);
  }
  if (handReporters) {
    add('hand-flag', { opcode: 'event_whenflagclicked', topLevel: true, x: 300, y: 40 });
    add('hand-loop', { opcode: 'control_forever', inputs: { SUBSTACK: [2, 'set-found'] } });
    add('set-found', {
      opcode: 'data_setvariableto',
      parent: 'hand-loop',
      inputs: { VALUE: [3, 'found-reporter', [10, '']] },
      fields: { VARIABLE: [HAND_VARIABLES.found, 'var-hand-found'] },
    });
    add('found-reporter', { opcode: 'imageModel_handFound', parent: 'set-found' });
    add('set-x', {
      opcode: 'data_setvariableto',
      inputs: { VALUE: [3, 'x-reporter', [10, '']] },
      fields: { VARIABLE: [HAND_VARIABLES.fingerX, 'var-finger-x'] },
    });
    add('x-reporter', {
      opcode: 'imageModel_landmarkPosition',
      parent: 'set-x',
      inputs: { AXIS: [1, 'x-axis'], LANDMARK: [1, 'x-landmark'] },
    });
    add('x-axis', { opcode: 'imageModel_menu_axis', parent: 'x-reporter', shadow: true, fields: { axis: ['x', null] } });
    add('x-landmark', {
      opcode: 'imageModel_menu_landmarks',
      parent: 'x-reporter',
      shadow: true,
      fields: { landmarks: ['indexTip', null] },
    });
    chain(['hand-flag', 'hand-loop']);
    chain(['set-found', 'set-x']);
  }
  return blocks;
}

/** `camera`: a camera's name for a `choose camera` block before the video is turned on. */
export function classroomProjectJson(
  hatClass: string,
  flagScript: FlagScript,
  photoJpeg: Buffer,
  camera?: string,
  { handReporters = false } = {},
): Record<string, unknown> {
  const backdropId = md5(BACKDROP_SVG);
  const photoId = md5(photoJpeg);
  const variable = (id: string, name: string, value: string | number) => [id, [name, value]] as const;
  return {
    targets: [
      {
        isStage: true,
        name: 'Stage',
        variables: Object.fromEntries([
          variable('var-hat-count', CLASSROOM_VARIABLES.hatCount, 0),
          variable('var-result', CLASSROOM_VARIABLES.result, ''),
          ...(handReporters
            ? [variable('var-hand-found', HAND_VARIABLES.found, ''), variable('var-finger-x', HAND_VARIABLES.fingerX, '')]
            : []),
        ]),
        lists: {},
        broadcasts: {},
        blocks: {},
        comments: {},
        currentCostume: 0,
        costumes: [
          {
            name: 'backdrop1',
            assetId: backdropId,
            md5ext: `${backdropId}.svg`,
            dataFormat: 'svg',
            bitmapResolution: 1,
            rotationCenterX: 240,
            rotationCenterY: 180,
          },
        ],
        sounds: [],
        volume: 100,
        layerOrder: 0,
        tempo: 60,
        videoTransparency: 50,
        videoState: 'off',
        textToSpeechLanguage: null,
      },
      {
        isStage: false,
        name: PHOTO_SPRITE,
        variables: {},
        lists: {},
        broadcasts: {},
        blocks: scripts(hatClass, flagScript, camera, handReporters),
        comments: {},
        currentCostume: 0,
        costumes: [
          {
            name: 'photo',
            assetId: photoId,
            md5ext: `${photoId}.jpg`,
            dataFormat: 'jpg',
            bitmapResolution: 1,
            rotationCenterX: 50,
            rotationCenterY: 50,
          },
        ],
        sounds: [],
        volume: 100,
        layerOrder: 1,
        visible: true,
        x: 0,
        y: 0,
        size: PHOTO_SIZE_PERCENT,
        direction: 90,
        draggable: false,
        rotationStyle: 'all around',
      },
    ],
    monitors: [
      ...Object.entries(CLASSROOM_VARIABLES).map(([key, name], index) =>
        variableMonitor(key === 'hatCount' ? 'var-hat-count' : 'var-result', name, index),
      ),
      ...(handReporters
        ? [variableMonitor('var-hand-found', HAND_VARIABLES.found, 2), variableMonitor('var-finger-x', HAND_VARIABLES.fingerX, 3)]
        : []),
    ],
    extensions: ['imageModel'],
    meta: { semver: '3.0.0', vm: '15.1.1', agent: 'image-model-blocks classroom fixture' },
  };
}

/** The project as an .sb3 (project.json, the backdrop and the photo costume). */
export async function classroomProjectSb3(
  hatClass: string,
  flagScript: FlagScript,
  photoJpeg: Buffer,
  camera?: string,
  options: { readonly handReporters?: boolean } = {},
): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('project.json', JSON.stringify(classroomProjectJson(hatClass, flagScript, photoJpeg, camera, options)));
  zip.file(`${md5(BACKDROP_SVG)}.svg`, BACKDROP_SVG);
  zip.file(`${md5(photoJpeg)}.jpg`, photoJpeg);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
