// A small builder for Scratch 3 projects in code: blocks shaped exactly as scratch-vm's sb3 serializer writes
// them (inputs, fields, shadows, parent/next links), sprites with SVG costumes, global variables with stage
// monitors, and the zipped .sb3. The example projects (scripts/examples/example-projects.ts) are written with it.
import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import { variableMonitor } from '../../extension/test-support/recognize-project';

type Block = Record<string, unknown>;

/** An input's value as the sb3 serializer writes it (see scratch-vm serialization/sb3.js primitive codes). */
export type InputValue =
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'color'; readonly value: string }
  | { readonly kind: 'block'; readonly id: string }
  | { readonly kind: 'variable'; readonly variable: Variable }
  | { readonly kind: 'broadcast'; readonly name: string }
  /** A block's menu, which Scratch keeps as a shadow block holding one field. */
  | { readonly kind: 'menu'; readonly opcode: string; readonly field: string; readonly value: string };

export interface Variable {
  readonly id: string;
  readonly name: string;
}

export interface Costume {
  readonly name: string;
  readonly svg: string;
  readonly rotationCenterX: number;
  readonly rotationCenterY: number;
}

export interface SpriteOptions {
  readonly name: string;
  readonly costumes: readonly Costume[];
  readonly x: number;
  readonly y: number;
  readonly size?: number;
  readonly visible?: boolean;
}

export const text = (value: string): InputValue => ({ kind: 'text', value });
export const num = (value: number): InputValue => ({ kind: 'number', value });
export const color = (value: string): InputValue => ({ kind: 'color', value });
export const menu = (opcode: string, field: string, value: string): InputValue => ({ kind: 'menu', opcode, field, value });

const md5 = (data: string) => createHash('md5').update(data).digest('hex');

/** The blocks of one target. Every method returns the new block's id, to be used as another block's input. */
export class Scripts {
  readonly blocks: Record<string, Block> = {};
  private count = 0;
  private scriptY = 40;

  constructor(private readonly prefix: string) {}

  block(
    opcode: string,
    inputs: Readonly<Record<string, InputValue | readonly string[]>> = {},
    fields: Readonly<Record<string, readonly [string, string | null]>> = {},
  ): string {
    const id = `${this.prefix}-${++this.count}`;
    const serialized: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(inputs)) serialized[name] = this.input(id, name, value);
    this.blocks[id] = { opcode, next: null, parent: null, inputs: serialized, fields, shadow: false, topLevel: false };
    return id;
  }

  /** A stack of statements (a substack's ids); returns the first id. */
  private chain(ids: readonly string[]): string {
    ids.forEach((id, index) => {
      if (index > 0) this.blocks[id].parent = ids[index - 1];
      if (index < ids.length - 1) this.blocks[id].next = ids[index + 1];
    });
    return ids[0];
  }

  /** A script on the code area: a hat and the statements under it, placed one below the other. */
  script(hat: string, ...statements: readonly string[]): void {
    Object.assign(this.blocks[hat], { topLevel: true, x: 40, y: this.scriptY });
    this.chain([hat, ...statements]);
    this.scriptY += 100 + this.stackHeight(statements);
  }

  /** Roughly how tall Scratch draws a stack (each C block adds its mouth's top and bottom), so scripts never overlap. */
  private stackHeight(ids: readonly string[]): number {
    return ids.reduce((height, id) => {
      const inputs = this.blocks[id].inputs as Record<string, unknown[]>;
      const mouths = ['SUBSTACK', 'SUBSTACK2'].filter((name) => inputs[name]).map((name) => this.stackOf(inputs[name][1] as string));
      return height + 56 + mouths.reduce((sum, mouth) => sum + 40 + this.stackHeight(mouth), 0);
    }, 0);
  }

  private stackOf(first: string): string[] {
    const ids = [first];
    for (let next = this.blocks[first].next; typeof next === 'string'; next = this.blocks[next].next) ids.push(next);
    return ids;
  }

  private input(parent: string, name: string, value: InputValue | readonly string[]): unknown {
    if (Array.isArray(value)) return [2, this.adopt(parent, this.chain(value))]; // a substack
    const single = value as InputValue;
    switch (single.kind) {
      case 'text':
        return [1, [10, single.value]];
      case 'number':
        return [1, [4, String(single.value)]];
      case 'color':
        return [1, [9, single.value]];
      case 'variable':
        return [3, [12, single.variable.name, single.variable.id], [10, '']];
      case 'broadcast':
        return [1, [11, single.name, broadcastId(single.name)]];
      case 'menu': {
        const id = `${parent}-${name.toLowerCase()}`;
        this.blocks[id] = {
          opcode: single.opcode,
          next: null,
          parent,
          inputs: {},
          fields: { [single.field]: [single.value, null] },
          shadow: true,
          topLevel: false,
        };
        return [1, id];
      }
      case 'block': {
        this.adopt(parent, single.id);
        // Booleans have no shadow; reporters sit over an empty text shadow, as when dropped into a slot.
        return isBoolean(this.blocks[single.id]) ? [2, single.id] : [3, single.id, [10, '']];
      }
    }
  }

  private adopt(parent: string, child: string): string {
    this.blocks[child].parent = parent;
    return child;
  }
}

const BOOLEAN_OPCODES = /^(operator_(and|or|not|equals|gt|lt|contains)|sensing_(mousedown|keypressed|touchingobject)|imageModel_isResult)$/;
const isBoolean = (block: Block) => BOOLEAN_OPCODES.test(String(block.opcode));

/** Block ids as inputs: `of(id)`. */
export const of = (id: string): InputValue => ({ kind: 'block', id });
export const read = (variable: Variable): InputValue => ({ kind: 'variable', variable });
export const broadcast = (name: string): InputValue => ({ kind: 'broadcast', name });
export const broadcastId = (name: string) => `broadcast-${name.replace(/\W+/g, '-')}`;

export const variable = (name: string): Variable => ({ id: `var-${name.replace(/\W+/g, '-')}`, name });

function costumeJson(costume: Costume) {
  const assetId = md5(costume.svg);
  return {
    name: costume.name,
    assetId,
    md5ext: `${assetId}.svg`,
    dataFormat: 'svg',
    bitmapResolution: 1,
    rotationCenterX: costume.rotationCenterX,
    rotationCenterY: costume.rotationCenterY,
  };
}

export interface ProjectOptions {
  readonly backdrop: Costume;
  /** Global variables: each with its starting value and whether its monitor shows on the stage. */
  readonly variables: readonly { readonly variable: Variable; readonly value: string | number; readonly shown: boolean }[];
  readonly lists?: readonly { readonly variable: Variable; readonly items: readonly string[] }[];
  readonly broadcasts?: readonly string[];
  readonly stageScripts?: Scripts;
  readonly sprites: readonly { readonly options: SpriteOptions; readonly scripts: Scripts }[];
  /** Extensions the blocks use besides Scratch's core (e.g. 'pen', 'imageModel'). */
  readonly extensions: readonly string[];
}

export interface BuiltProject {
  readonly projectJson: Record<string, unknown>;
  /** Asset file name -> SVG text. */
  readonly assets: ReadonlyMap<string, string>;
}

export function buildProject(options: ProjectOptions): BuiltProject {
  const assets = new Map<string, string>();
  const costumes = (list: readonly Costume[]) =>
    list.map((costume) => {
      const json = costumeJson(costume);
      assets.set(json.md5ext, costume.svg);
      return json;
    });
  const stage = {
    isStage: true,
    name: 'Stage',
    variables: Object.fromEntries(options.variables.map(({ variable: v, value }) => [v.id, [v.name, value]])),
    lists: Object.fromEntries((options.lists ?? []).map(({ variable: v, items }) => [v.id, [v.name, [...items]]])),
    broadcasts: Object.fromEntries((options.broadcasts ?? []).map((name) => [broadcastId(name), name])),
    blocks: options.stageScripts?.blocks ?? {},
    comments: {},
    currentCostume: 0,
    costumes: costumes([options.backdrop]),
    sounds: [],
    volume: 100,
    layerOrder: 0,
    tempo: 60,
    videoTransparency: 50,
    videoState: 'off',
    textToSpeechLanguage: null,
  };
  const sprites = options.sprites.map(({ options: sprite, scripts }, index) => ({
    isStage: false,
    name: sprite.name,
    variables: {},
    lists: {},
    broadcasts: {},
    blocks: scripts.blocks,
    comments: {},
    currentCostume: 0,
    costumes: costumes(sprite.costumes),
    sounds: [],
    volume: 100,
    layerOrder: index + 1,
    visible: sprite.visible ?? true,
    x: sprite.x,
    y: sprite.y,
    size: sprite.size ?? 100,
    direction: 90,
    draggable: false,
    rotationStyle: 'all around',
  }));
  const shown = options.variables.filter((entry) => entry.shown);
  return {
    projectJson: {
      targets: [stage, ...sprites],
      monitors: shown.map(({ variable: v }, index) => variableMonitor(v.id, v.name, index)),
      extensions: [...options.extensions],
      meta: { semver: '3.0.0', vm: '15.1.1', agent: 'image-model-blocks scripts/make-examples.ts' },
    },
    assets,
  };
}

/** The .sb3: project.json, the SVG assets, and `extra` entries (our models' weights). */
export async function sb3(
  project: BuiltProject,
  extra: readonly { readonly name: string; readonly data: Uint8Array | Blob }[],
): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('project.json', JSON.stringify(project.projectJson));
  for (const [name, svg] of project.assets) zip.file(name, svg);
  // JSZip in Node reads bytes, not Blobs (the model service keeps picture JPEGs as Blobs, as in the browser).
  for (const entry of extra) zip.file(entry.name, entry.data instanceof Blob ? new Uint8Array(await entry.data.arrayBuffer()) : entry.data);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}
