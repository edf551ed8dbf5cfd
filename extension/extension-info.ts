// Turns the block specs (blocks/) into the metadata scratch-vm's getInfo() expects, in one language.
import { CATEGORY, MENUS, PALETTE, type ArgumentSpec } from '../blocks/block-specs';
import { BlockType } from '../blocks/scratch-constants';
import type { ClassInfo } from '../engine/types';
import { EXTENSION_ID } from './contract';
import type { ScratchArgumentInfo, ScratchExtensionInfo, ScratchMenuInfo } from './scratch-types';

export type Translate = (key: string) => string;

export function buildExtensionInfo(translate: Translate, classes: readonly ClassInfo[]): ScratchExtensionInfo {
  const argument = (spec: ArgumentSpec): ScratchArgumentInfo => ({
    type: spec.type,
    ...(spec.menu ? { menu: spec.menu } : {}),
    // The palette's copy of a class block shows the model's first class, so it works when dropped in.
    defaultValue: typeof spec.defaultValue === 'object' ? (classes[0]?.name ?? '') : spec.defaultValue,
  });

  const menus: Record<string, ScratchMenuInfo> = {};
  for (const [id, menu] of Object.entries(MENUS)) {
    menus[id] = { acceptReporters: menu.acceptReporters, items: menu.itemsFunction };
  }

  return {
    id: EXTENSION_ID,
    name: translate(CATEGORY.nameKey),
    color1: CATEGORY.color1,
    color2: CATEGORY.color2,
    color3: CATEGORY.color3,
    menuIconURI: CATEGORY.menuIconURI,
    blockIconURI: CATEGORY.blockIconURI,
    blocks: PALETTE.map((entry) =>
      entry.kind === 'button'
        ? { blockType: BlockType.BUTTON, text: translate(entry.textKey), func: entry.func }
        : {
            opcode: entry.opcode,
            blockType: entry.blockType,
            text: translate(entry.textKey),
            arguments: Object.fromEntries(Object.entries(entry.arguments).map(([name, spec]) => [name, argument(spec)])),
            ...(entry.disableMonitor ? { disableMonitor: true } : {}),
          },
    ),
    menus,
  };
}
