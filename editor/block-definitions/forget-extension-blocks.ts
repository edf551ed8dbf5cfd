// Called by the GUI's code area (through editor/build/scratch-gui-patches.cjs) when scratch-vm refreshes an
// extension's blocks: on every language change, and whenever an extension asks for its palette to be redrawn.
// The code area then defines every block, menu and custom field of the category again; forgetting the previous
// definitions first spares Blockly's "Block definition … overwrites previous definition" warning for each one.
// Existing blocks keep working: Blockly copies a definition into a block when it creates the block.

/** A block, menu or custom field as scratch-vm converts it for scratch-blocks (runtime.js, 15.1.1). */
interface ConvertedDefinition {
  /** Absent for palette entries that are not blocks (buttons, separators, labels). */
  readonly json?: { readonly type?: unknown } | null;
}

/** The category scratch-vm emits with BLOCKSINFO_UPDATE (only what is read here). */
export interface RefreshedCategory {
  readonly blocks?: readonly ConvertedDefinition[];
  readonly menus?: readonly ConvertedDefinition[];
  readonly customFieldTypes?: Readonly<Record<string, { readonly scratchBlocksDefinition?: ConvertedDefinition }>>;
}

/** The block types the code area is about to define again for `category`. */
export function definedBlockTypes(category: RefreshedCategory): string[] {
  const definitions = [
    ...Object.values(category.customFieldTypes ?? {}).map((field) => field.scratchBlocksDefinition),
    ...(category.menus ?? []),
    ...(category.blocks ?? []),
  ];
  return definitions.flatMap((definition) => {
    const type = definition?.json?.type;
    return typeof type === 'string' ? [type] : [];
  });
}

/** Removes `category`'s current definitions from Blockly's block registry (`Blockly.Blocks`). */
export function forgetExtensionBlocks(blocks: Record<string, unknown>, category: RefreshedCategory): void {
  for (const type of definedBlockTypes(category)) delete blocks[type];
}
