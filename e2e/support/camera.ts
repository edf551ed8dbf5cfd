// For specs that need a webcam: `test.use(fakeCamera())` at the top of the spec starts Chromium with its fake
// camera playing the clip made by scripts/make-fake-webcam.ts (photos of FAKE_WEBCAM_DIGIT).
import { FAKE_WEBCAM_CLIP, FAKE_WEBCAM_DIGIT } from '../../scripts/make-fake-webcam';
import { CHROMIUM_ARGS, CHROMIUM_PATH, fakeCameraArgs } from './browser';

export { FAKE_WEBCAM_DIGIT };

export function fakeCamera() {
  return {
    launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...fakeCameraArgs(FAKE_WEBCAM_CLIP)] },
    permissions: ['camera'],
  };
}
