// The one copy the main thread makes of a live frame: the camera picture scaled by the browser to 224 pixels
// high (keeping its shape), then its centre square copied out. The engine gets exactly what the trainer's
// webcam pictures are (a centred square), and the 480x360 stage frame never crosses to the worker.
import { INPUT_SIZE, type RgbaImage } from '../../engine';
import { VideoFormat, type VideoDevice, type VideoFrame } from '../scratch-types';

/** The shape cameras have when the provider does not tell (the GUI asks for 640x480). */
const DEFAULT_ASPECT = 4 / 3;

/** Centre square of a frame at least as wide as it is high (or the reverse), as a new 224x224-or-smaller copy. */
export function centreSquare(frame: VideoFrame): RgbaImage {
  const side = Math.min(frame.width, frame.height);
  const left = Math.floor((frame.width - side) / 2);
  const top = Math.floor((frame.height - side) / 2);
  const data = new Uint8ClampedArray(side * side * 4);
  for (let row = 0; row < side; row++) {
    const start = ((top + row) * frame.width + left) * 4;
    data.set(frame.data.subarray(start, start + side * 4), row * side * 4);
  }
  return { width: side, height: side, data };
}

/** A fresh 224x224 square of what the camera shows (mirrored as the stage shows it), or null before video. */
export function grabSquareFrame(video: VideoDevice): RgbaImage | null {
  if (!video.videoReady) return null;
  const size = video.provider?.video;
  const aspect = size && size.videoWidth > 0 && size.videoHeight > 0 ? size.videoWidth / size.videoHeight : DEFAULT_ASPECT;
  const dimensions: [number, number] =
    aspect >= 1 ? [Math.round(INPUT_SIZE * aspect), INPUT_SIZE] : [INPUT_SIZE, Math.round(INPUT_SIZE / aspect)];
  // cacheTimeout 0: a frame the provider captured for another size or moment is never reused.
  const frame = video.getFrame({ dimensions, format: VideoFormat.imageData, cacheTimeout: 0 });
  return frame && 'data' in frame ? centreSquare(frame) : null;
}
