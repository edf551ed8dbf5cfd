// Every picture the product makes (uploads, webcam, stage and costume) is the centred square of anything the
// browser can draw, scaled by the browser to the engine's 224x224, on white: transparent pixels look white on
// Scratch's stage, so they are white in what the model sees too (a canvas would otherwise read them as black).
import { INPUT_SIZE, type RgbaImage } from '../../engine';

export interface SquareCanvas {
  readonly canvas: HTMLCanvasElement;
  readonly image: RgbaImage;
}

/** The square drawn on a canvas of its own, with its pixels; `mirror` flips it left to right (a selfie view). */
export function drawSquareCanvas(source: CanvasImageSource, width: number, height: number, mirror = false): SquareCanvas {
  const side = Math.min(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = INPUT_SIZE;
  canvas.height = INPUT_SIZE;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('2d canvas unavailable');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, INPUT_SIZE, INPUT_SIZE);
  if (mirror) {
    context.translate(INPUT_SIZE, 0);
    context.scale(-1, 1);
  }
  context.drawImage(source, (width - side) / 2, (height - side) / 2, side, side, 0, 0, INPUT_SIZE, INPUT_SIZE);
  const pixels = context.getImageData(0, 0, INPUT_SIZE, INPUT_SIZE);
  return { canvas, image: { width: pixels.width, height: pixels.height, data: pixels.data } };
}

export function drawCentreSquare(source: CanvasImageSource, width: number, height: number): RgbaImage {
  return drawSquareCanvas(source, width, height).image;
}
