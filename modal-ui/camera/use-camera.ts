import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { squareFromSource, type SquarePicture } from '../pictures/square-picture';
import { cameraProblem, listCameras, openCameraStream, stopCameraStream, type CameraDevice, type CameraProblem } from './camera';

export type CameraStatus = 'off' | 'starting' | 'live' | 'failed';

export interface CameraControls {
  readonly status: CameraStatus;
  readonly problem: CameraProblem | null;
  readonly devices: readonly CameraDevice[];
  /** The camera in use (or asked for); null means the browser's default. */
  readonly deviceId: string | null;
  selectDevice(deviceId: string): void;
  /** Shows (and captures) the picture like a mirror, which is what children expect from a front camera. */
  readonly mirror: boolean;
  setMirror(mirror: boolean): void;
  readonly videoRef: RefObject<HTMLVideoElement>;
  /** The current frame as a centre-cropped square; null when the camera is not live. */
  capture(): Promise<SquarePicture | null>;
  retry(): void;
}

// The child's choice of camera and mirror lasts while the page is open, across trainer and popup.
const remembered: { deviceId: string | null; mirror: boolean } = { deviceId: null, mirror: true };

/** Runs the webcam while `active` is true and stops it (light off) as soon as it is false or the component goes. */
export function useCamera(active: boolean): CameraControls {
  const videoRef = useRef<HTMLVideoElement>(null);
  const [status, setStatus] = useState<CameraStatus>('off');
  const [problem, setProblem] = useState<CameraProblem | null>(null);
  const [devices, setDevices] = useState<readonly CameraDevice[]>([]);
  const [deviceId, setDeviceId] = useState<string | null>(remembered.deviceId);
  const [streamDeviceId, setStreamDeviceId] = useState<string | null>(null);
  const [mirror, setMirrorState] = useState(remembered.mirror);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!active) {
      setStatus('off');
      return undefined;
    }
    let cancelled = false;
    let stream: MediaStream | null = null;
    let shownIn: HTMLVideoElement | null = null;
    setStatus('starting');
    setProblem(null);
    (async () => {
      try {
        stream = await openCameraStream(deviceId ?? undefined);
        if (cancelled) return;
        const video = videoRef.current;
        if (video) {
          video.srcObject = stream;
          shownIn = video;
          await video.play().catch(() => undefined); // autoplay of a muted stream is allowed; play() may still race a pause
        }
        const cameras = await listCameras().catch(() => []);
        if (cancelled) return;
        setDevices(cameras);
        setStreamDeviceId(stream.getVideoTracks()[0]?.getSettings().deviceId ?? null);
        setStatus('live');
      } catch (error) {
        if (cancelled) return;
        setProblem(cameraProblem(error));
        setStatus('failed');
      }
    })();
    return () => {
      cancelled = true;
      stopCameraStream(stream);
      if (shownIn) shownIn.srcObject = null;
    };
  }, [active, deviceId, attempt]);

  const selectDevice = useCallback((id: string) => {
    remembered.deviceId = id;
    setDeviceId(id);
  }, []);
  const setMirror = useCallback((value: boolean) => {
    remembered.mirror = value;
    setMirrorState(value);
  }, []);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const capture = useCallback(async () => {
    const video = videoRef.current;
    if (!video || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || video.videoWidth === 0) return null;
    return squareFromSource(video, video.videoWidth, video.videoHeight, { mirror });
  }, [mirror]);

  return { status, problem, devices, deviceId: streamDeviceId ?? deviceId, selectDevice, mirror, setMirror, videoRef, capture, retry };
}
