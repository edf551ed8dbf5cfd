// The webcam, reusable by the trainer and the recognize popup: useCamera() runs it, <CameraView> shows it.
export {
  CameraError,
  cameraProblem,
  canUseCamera,
  listCameras,
  openCameraStream,
  stopCameraStream,
  type CameraDevice,
  type CameraProblem,
} from './camera';
export { useCamera, type CameraControls, type CameraStatus } from './use-camera';
export { CameraView, type CameraViewProps } from './camera-view';
