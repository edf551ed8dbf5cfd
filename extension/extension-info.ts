// Turns the block specs (blocks/) into the metadata scratch-vm's getInfo() expects, in one language.
import type { MessageKey } from '../locales';
import { CATEGORY, MENUS, PALETTE, type ArgumentSpec, type MenuId } from '../blocks/block-specs';
import { BlockType } from '../blocks/scratch-constants';
import { EXTENSION_ID } from './contract';
import type { ScratchArgumentInfo, ScratchExtensionInfo, ScratchMenuInfo } from './scratch-types';

export type Translate = (key: MessageKey) => string;

/** The value of a dynamic menu's first item right now ('' when it only has its placeholder). */
export type FirstItemOf = (menu: MenuId) => string;

export function buildExtensionInfo(translate: Translate, firstItemOf: FirstItemOf): ScratchExtensionInfo {
  const argument = ({ type, menu, defaultValue }: ArgumentSpec): ScratchArgumentInfo => ({
    type,
    ...(menu ? { menu } : {}),
    defaultValue: typeof defaultValue === 'object' ? (menu ? firstItemOf(menu) : '') : defaultValue,
  });

  const menus: Record<string, ScratchMenuInfo> = {};
  for (const [id, menu] of Object.entries(MENUS)) {
    menus[id] = {
      acceptReporters: menu.acceptReporters,
      items:
        'itemsFunction' in menu ? menu.itemsFunction : menu.items.map((item) => ({ text: translate(item.textKey), value: item.value })),
    };
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
            ...(entry.isEdgeActivated ? { isEdgeActivated: true } : {}),
          },
    ),
    menus,
  };
}
