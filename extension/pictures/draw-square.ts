// Stage and costume pictures: the centred square of anything the browser can draw, scaled by the browser to
// the engine's 224x224 (the same crop the trainer applies to uploads and webcam pictures).
import { INPUT_SIZE, type RgbaImage } from '../../engine/types';

export function drawCentreSquare(source: CanvasImageSource, width: number, height: number): RgbaImage {
  const side = Math.min(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = INPUT_SIZE;
  canvas.height = INPUT_SIZE;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('2d canvas unavailable');
  context.drawImage(source, (width - side) / 2, (height - side) / 2, side, side, 0, 0, INPUT_SIZE, INPUT_SIZE);
  const pixels = context.getImageData(0, 0, INPUT_SIZE, INPUT_SIZE);
  return { width: pixels.width, height: pixels.height, data: pixels.data };
}
