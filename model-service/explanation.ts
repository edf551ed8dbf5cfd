// "What is it looking at?" for the trainer: the engine's heatmap (how much covering each cell lowered the answer)
// as shares of its hottest cell, and where that cell is in words a child and a screen reader understand.
import type { ClassInfo, Heatmap } from '../engine';

/** The nine parts of a picture a caption can name. */
export const PLACES = ['topLeft', 'top', 'topRight', 'left', 'middle', 'right', 'bottomLeft', 'bottom', 'bottomRight'] as const;
export type Place = (typeof PLACES)[number];

export interface PictureExplanation {
  /** The class the model answers for the picture. */
  readonly classId: string;
  /** Cells per side. */
  readonly grid: number;
  /** Per cell, row by row from the top left: 0 (the answer did not depend on it) to 1 (the hottest cell). */
  readonly heat: readonly number[];
  /** Where the hottest cell is; null when no cell mattered (covering any part changed nothing or made it surer). */
  readonly place: Place | null;
}

/** The part of the picture (of nine) that a cell of a `grid` × `grid` map lies in. */
export function placeOfCell(cell: number, grid: number): Place {
  const third = (index: number) => Math.min(2, Math.floor((index * 3) / grid));
  return PLACES[third(Math.floor(cell / grid)) * 3 + third(cell % grid)];
}

export function explanationOf(heatmap: Heatmap, classes: readonly ClassInfo[]): PictureExplanation {
  const hottest = heatmap.drops.reduce((best, drop, i) => (drop > heatmap.drops[best] ? i : best), 0);
  const top = heatmap.drops[hottest];
  const mattered = top > 0;
  return {
    classId: classes[heatmap.classIndex].id,
    grid: heatmap.grid,
    heat: heatmap.drops.map((drop) => (mattered ? Math.max(0, drop) / top : 0)),
    place: mattered ? placeOfCell(hottest, heatmap.grid) : null,
  };
}
