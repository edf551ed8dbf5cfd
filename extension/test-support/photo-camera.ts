// A camera for Node tests that films a photo: plugged into scratch-vm's real video device (setProvider) like
// the GUI's provider, it answers getFrame with the photo scaled into the requested frame, as a 4:3 webcam
// holding the square photo in its middle would (grey bars left and right, like the e2e fake webcam clip).
import type { RgbaImage } from '../../engine';
import type { FrameRequest, VideoFrame, VideoProvider } from '../scratch-types';

export class PhotoCamera implements VideoProvider {
  private enabled = false;
  /** Frames handed out so far (the stage preview is not running in Node, so these are ours). */
  framesTaken = 0;

  constructor(private photo: RgbaImage) {}

  /** What the camera sees from now on. */
  show(photo: RgbaImage): void {
    this.photo = photo;
  }

  get videoReady(): boolean {
    return this.enabled;
  }

  get video() {
    return this.enabled ? { videoWidth: 640, videoHeight: 480 } : null;
  }

  enableVideo(): Promise<void> {
    this.enabled = true;
    return Promise.resolve();
  }

  disableVideo(): void {
    this.enabled = false;
  }

  getFrame({ dimensions: [width, height], mirror }: Required<FrameRequest>): VideoFrame | null {
    if (!this.enabled) return null;
    this.framesTaken += 1;
    const data = new Uint8ClampedArray(width * height * 4).fill(128);
    // The photo fills the frame's height, centred; nearest-neighbour scaling.
    const side = height;
    const left = Math.floor((width - side) / 2);
    const { photo } = this;
    for (let y = 0; y < side; y++) {
      const sy = Math.min(photo.height - 1, Math.floor((y * photo.height) / side));
      for (let x = 0; x < side; x++) {
        const sx = Math.min(photo.width - 1, Math.floor((x * photo.width) / side));
        const from = (sy * photo.width + (mirror ? photo.width - 1 - sx : sx)) * 4;
        const to = (y * width + left + x) * 4;
        data[to] = photo.data[from];
        data[to + 1] = photo.data[from + 1];
        data[to + 2] = photo.data[from + 2];
        data[to + 3] = 255;
      }
    }
    return { width, height, data };
  }
}
