// Opening and closing the webcam, with every failure turned into a code the child gets plain words for
// (t('errors.<code>')). No React here: the hook and the view build on it.

export type CameraProblem =
  | 'camera/denied' // the child (or a policy) said no to the camera
  | 'camera/not-found' // no camera is connected
  | 'camera/in-use' // another app or tab holds the camera
  | 'camera/unsupported' // this page cannot use cameras at all (old browser, or not https/localhost)
  | 'camera/failed';

export class CameraError extends Error {
  constructor(
    readonly code: CameraProblem,
    detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'CameraError';
  }
}

export interface CameraDevice {
  readonly deviceId: string;
  /** Empty until the child allowed the camera once (browsers hide labels before). */
  readonly label: string;
}

export function cameraProblem(error: unknown): CameraProblem {
  if (error instanceof CameraError) return error.code;
  const name = typeof error === 'object' && error !== null ? String((error as { name?: unknown }).name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError':
      return 'camera/denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'camera/not-found';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'camera/in-use';
    default:
      return 'camera/failed';
  }
}

export function canUseCamera(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function';
}

/** Asks for a camera stream (640x480 is plenty for 224x224 pictures). Throws a CameraError. */
export async function openCameraStream(deviceId?: string): Promise<MediaStream> {
  if (!canUseCamera()) throw new CameraError('camera/unsupported', 'navigator.mediaDevices.getUserMedia is missing');
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: {
        width: { ideal: 640 },
        height: { ideal: 480 },
        ...(deviceId ? { deviceId: { exact: deviceId } } : { facingMode: 'user' }),
      },
    });
  } catch (error) {
    throw new CameraError(cameraProblem(error), error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  }
}

export function stopCameraStream(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

export async function listCameras(): Promise<CameraDevice[]> {
  if (!canUseCamera() || typeof navigator.mediaDevices.enumerateDevices !== 'function') return [];
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices.filter((device) => device.kind === 'videoinput').map((device) => ({ deviceId: device.deviceId, label: device.label }));
}
