export type {
  CameraConstraints,
  CameraSelection,
  CameraSettings,
  CameraStatus,
  MediaDeviceInfoLike,
  MediaDevicesLike,
  MediaStreamLike,
  VideoTrackLike,
} from './types';
export { cameraConstraints, selectCamera, IDEAL_RESOLUTION, MIN_RESOLUTION } from './constraints';
export { isBlackFrame, BLACK_FRAME_P99 } from './black-frame';
export { DocumentCamera } from './document-camera';
