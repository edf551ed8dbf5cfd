// Runs once before the end-to-end tests: checks the shared data is there and makes the fake webcam clip.
import { ensureFakeWebcamClip } from '../../scripts/make-fake-webcam';
import { sharedDir } from './shared-data';

export default function globalSetup(): void {
  sharedDir();
  ensureFakeWebcamClip();
}
