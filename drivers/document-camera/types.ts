/**
 * A document camera (高拍仪) is a UVC camera on a stand: the operating system sees a webcam, and the
 * renderer opens it through getUserMedia. These are the few parts of the browser's media API the
 * driver uses, written structurally so the driver's logic runs in Node tests with fakes and in the
 * renderer with the real `navigator.mediaDevices` (which satisfies them).
 */
export interface MediaDeviceInfoLike {
  readonly deviceId: string;
  readonly kind: string;
  /** Empty until the page has been granted the camera once (the browser's privacy rule). */
  readonly label: string;
}

export interface TrackSettingsLike {
  width?: number;
  height?: number;
  deviceId?: string;
}

export interface VideoTrackLike {
  readonly label: string;
  readonly readyState: string;
  getSettings(): TrackSettingsLike;
  stop(): void;
  addEventListener(type: 'ended', listener: () => void): void;
  removeEventListener(type: 'ended', listener: () => void): void;
}

export interface MediaStreamLike {
  getVideoTracks(): VideoTrackLike[];
}

export interface ConstrainRange {
  ideal?: number;
  min?: number;
}

export interface CameraConstraints {
  audio: false;
  video: {
    width: ConstrainRange;
    height: ConstrainRange;
    deviceId?: { exact: string };
  };
}

export interface MediaDevicesLike {
  enumerateDevices(): Promise<MediaDeviceInfoLike[]>;
  getUserMedia(constraints: CameraConstraints): Promise<MediaStreamLike>;
}

/** Which camera to use when the kiosk has more than one (configured per site); none = the first. */
export interface CameraSelection {
  /** Exact device id; stable for a given browser profile and USB port. */
  deviceId?: string;
  /** Part of the label the vendor gives it (e.g. "Document", "高拍仪"); compared case-insensitively. */
  label?: string;
}

/** The resolution the stream actually delivers, read back from the track. */
export interface CameraSettings {
  width: number;
  height: number;
  label: string;
}

/**
 * The camera's state as data. `unplugged`: the stream's track ended (cable pulled, camera reset)
 * after it was working; `black-frame`: frames arrive but carry no picture (lens cover, dead sensor).
 */
export type CameraStatus =
  | { state: 'closed' }
  | { state: 'opening' }
  | { state: 'ready'; settings: CameraSettings }
  | { state: 'no-camera' }
  | { state: 'permission-denied' }
  | { state: 'unplugged' }
  | { state: 'black-frame'; settings: CameraSettings };
