// The examples' costumes and backdrops: small SVGs written here (nothing downloaded), plus Scratch's own cat
// from the editor's default project in node_modules.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Costume } from './scratch-project';

const svg = (width: number, height: number, body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${body}</svg>`;

/** A plain white stage: what `recognize [stage]` sees behind a drawing. */
export const WHITE_BACKDROP: Costume = {
  name: 'white',
  svg: svg(480, 360, '<rect width="480" height="360" fill="#ffffff"/>'),
  rotationCenterX: 240,
  rotationCenterY: 180,
};

export const PLAYGROUND_BACKDROP: Costume = {
  name: 'playground',
  svg: svg(
    480,
    360,
    [
      '<rect width="480" height="360" fill="#e8f4ff"/>',
      '<rect y="270" width="480" height="90" fill="#bfe3a8"/>',
      '<circle cx="420" cy="60" r="34" fill="#ffd84d"/>',
      '<ellipse cx="110" cy="70" rx="60" ry="22" fill="#ffffff"/><ellipse cx="150" cy="58" rx="40" ry="20" fill="#ffffff"/>',
    ].join(''),
  ),
  rotationCenterX: 240,
  rotationCenterY: 180,
};

const HAND_SIZE = 120;
const handCostume = (name: string, body: string): Costume => ({
  name,
  svg: svg(HAND_SIZE, HAND_SIZE, body),
  rotationCenterX: HAND_SIZE / 2,
  rotationCenterY: HAND_SIZE / 2,
});

/** The computer's hands in rock, paper, scissors; costume names are the model's class names. */
export const ROCK = handCostume(
  'rock',
  '<path d="M20 70 Q18 30 55 24 Q95 18 102 55 Q108 95 65 100 Q24 104 20 70Z" fill="#9e9e9e" stroke="#5f5f5f" stroke-width="5"/><circle cx="48" cy="52" r="6" fill="#7a7a7a"/><circle cx="75" cy="75" r="8" fill="#7a7a7a"/>',
);
export const PAPER = handCostume(
  'paper',
  '<rect x="22" y="12" width="76" height="96" rx="6" fill="#ffffff" stroke="#4a6fa5" stroke-width="5"/><path d="M34 36H86M34 54H86M34 72H86M34 90H70" stroke="#9ab3d6" stroke-width="4"/>',
);
export const SCISSORS = handCostume(
  'scissors',
  '<path d="M52 64 L100 18 M68 64 L20 18" stroke="#7d8a96" stroke-width="8" stroke-linecap="round"/><circle cx="38" cy="88" r="16" fill="none" stroke="#e0413a" stroke-width="8"/><circle cx="82" cy="88" r="16" fill="none" stroke="#e0413a" stroke-width="8"/>',
);
export const THINKING = handCostume(
  'thinking',
  '<rect x="18" y="26" width="84" height="70" rx="16" fill="#6c7ae0" stroke="#3f4aa8" stroke-width="5"/><circle cx="45" cy="58" r="10" fill="#ffffff"/><circle cx="75" cy="58" r="10" fill="#ffffff"/><circle cx="47" cy="60" r="4" fill="#222"/><circle cx="77" cy="60" r="4" fill="#222"/><path d="M60 26V10" stroke="#3f4aa8" stroke-width="5"/><circle cx="60" cy="9" r="6" fill="#ffd84d"/><path d="M46 80H74" stroke="#ffffff" stroke-width="5" stroke-linecap="round"/>',
);

/** Scratch's cat (costume 1 of the editor's default project), read from the installed editor. */
export function scratchCat(): Costume {
  const file = path.resolve(
    __dirname,
    '../../node_modules/@scratch/scratch-gui/src/lib/default-project/bcf454acf82e4504149f7ffe07081dbc.svg',
  );
  return { name: 'cat', svg: readFileSync(file, 'utf8'), rotationCenterX: 48, rotationCenterY: 50 };
}

/** A pencil whose tip is its rotation centre, so the pen draws from the tip. Hidden while drawing. */
export const PENCIL: Costume = {
  name: 'pencil',
  svg: svg(
    40,
    40,
    '<path d="M4 36 L10 22 L30 2 L38 10 L18 30 Z" fill="#ffcf4d" stroke="#a36a00" stroke-width="2"/><path d="M4 36 L10 22 L18 30 Z" fill="#f2d2a9"/><path d="M4 36 L6 31 L9 34 Z" fill="#333"/>',
  ),
  rotationCenterX: 4,
  rotationCenterY: 36,
};
