// The string values scratch-vm 15.1.1 uses in extension metadata (extension-support/block-type.js and
// argument-type.js). scratch-vm ships no types, so block specs name them through these constants.

export const BlockType = {
  BOOLEAN: 'Boolean',
  BUTTON: 'button',
  COMMAND: 'command',
  HAT: 'hat',
  REPORTER: 'reporter',
} as const;
export type BlockTypeValue = (typeof BlockType)[keyof typeof BlockType];

export const ArgumentType = {
  BOOLEAN: 'Boolean',
  NUMBER: 'number',
  STRING: 'string',
} as const;
export type ArgumentTypeValue = (typeof ArgumentType)[keyof typeof ArgumentType];
