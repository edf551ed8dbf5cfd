// `recognize [stage]`: what the stage shows right now. The renderer only draws once per frame, so it draws
// first (a sprite a script just moved is in the picture); the WebGL canvas is read in the same task, while
// its drawing buffer still holds that frame.
import type { RgbaImage } from '../../engine';
import type { StageRenderer } from '../scratch-types';
import { drawCentreSquare } from './draw-square';

export function readStage(renderer: StageRenderer): RgbaImage {
  renderer.draw();
  const { canvas } = renderer;
  return drawCentreSquare(canvas, canvas.width, canvas.height);
}
