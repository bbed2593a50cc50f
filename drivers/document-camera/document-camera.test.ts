import { describe, expect, it } from 'vitest';
import {
  BLACK_FRAME_P99,
  DocumentCamera,
  IDEAL_RESOLUTION,
  MIN_RESOLUTION,
  cameraConstraints,
  isBlackFrame,
  selectCamera,
  type CameraConstraints,
  type CameraStatus,
  type MediaDeviceInfoLike,
  type MediaDevicesLike,
  type VideoTrackLike,
} from './index';

/** A camera as the browser shows it: modes it has, and the usual DOMException names for failures. */
class FakeTrack implements VideoTrackLike {
  readyState = 'live';
  stopped = false;
  #ended = new Set<() => void>();
  constructor(
    readonly label: string,
    private readonly settings: { width: number; height: number; deviceId: string },
  ) {}
  getSettings() {
    return { ...this.settings };
  }
  stop() {
    this.stopped = true;
    this.readyState = 'ended';
  }
  addEventListener(_type: 'ended', listener: () => void) {
    this.#ended.add(listener);
  }
  removeEventListener(_type: 'ended', listener: () => void) {
    this.#ended.delete(listener);
  }
  /** The cable is pulled: the browser ends the track and fires 'ended'. */
  unplug() {
    this.readyState = 'ended';
    for (const l of this.#ended) l();
  }
}

interface FakeCamera {
  deviceId: string;
  label: string;
  /** The largest mode the camera has. */
  max: { width: number; height: number };
}

function domError(name: string): Error {
  const e = new Error(name);
  e.name = name;
  return e;
}

class FakeMedia implements MediaDevicesLike {
  granted = false;
  asked: CameraConstraints[] = [];
  tracks: FakeTrack[] = [];
  constructor(
    private readonly cameras: FakeCamera[],
    private readonly fault?: 'denied' | 'busy',
  ) {}
  enumerateDevices(): Promise<MediaDeviceInfoLike[]> {
    return Promise.resolve([
      { deviceId: 'mic', kind: 'audioinput', label: this.granted ? 'Microphone' : '' },
      ...this.cameras.map((c) => ({
        deviceId: c.deviceId,
        kind: 'videoinput',
        label: this.granted ? c.label : '',
      })),
    ]);
  }
  getUserMedia(constraints: CameraConstraints) {
    this.asked.push(constraints);
    if (this.fault === 'denied') return Promise.reject(domError('NotAllowedError'));
    if (this.fault === 'busy') return Promise.reject(domError('NotReadableError'));
    const id = constraints.video.deviceId?.exact;
    const camera = id ? this.cameras.find((c) => c.deviceId === id) : this.cameras[0];
    if (!camera) return Promise.reject(domError(id ? 'OverconstrainedError' : 'NotFoundError'));
    const { width, height } = constraints.video;
    if ((width.min ?? 0) > camera.max.width || (height.min ?? 0) > camera.max.height) {
      return Promise.reject(domError('OverconstrainedError'));
    }
    this.granted = true;
    // Like Chromium: the nearest mode to the ideal that the camera has, else its default 640×480.
    const mode = width.ideal
      ? {
          width: Math.min(width.ideal, camera.max.width),
          height: Math.min(height.ideal ?? 0, camera.max.height),
        }
      : { width: 640, height: 480 };
    const track = new FakeTrack(camera.label, { ...mode, deviceId: camera.deviceId });
    this.tracks.push(track);
    return Promise.resolve({ getVideoTracks: () => [track] });
  }
}

const DOC_CAM: FakeCamera = {
  deviceId: 'cam-doc',
  label: 'USB Document Camera (1a2b:3c4d)',
  max: IDEAL_RESOLUTION,
};
const WEBCAM: FakeCamera = {
  deviceId: 'cam-face',
  label: 'Integrated Webcam',
  max: { width: 1280, height: 720 },
};

function statuses(camera: DocumentCamera): CameraStatus['state'][] {
  const seen: CameraStatus['state'][] = [];
  camera.onStatus((s) => seen.push(s.state));
  return seen;
}

describe('camera constraints', () => {
  it('ask for the highest resolution first and accept less only on a second attempt', () => {
    const [strict, relaxed] = cameraConstraints('cam-doc');
    expect(strict).toEqual({
      audio: false,
      video: {
        width: { ideal: 4096, min: MIN_RESOLUTION.width },
        height: { ideal: 3072, min: MIN_RESOLUTION.height },
        deviceId: { exact: 'cam-doc' },
      },
    });
    expect(relaxed?.video).toEqual({
      width: { ideal: 4096 },
      height: { ideal: 3072 },
      deviceId: { exact: 'cam-doc' },
    });
    expect(cameraConstraints()[0]?.video.deviceId).toBeUndefined();
  });

  it('select the configured camera by id, then by part of its label', () => {
    const devices: MediaDeviceInfoLike[] = [
      { deviceId: 'cam-face', kind: 'videoinput', label: 'Integrated Webcam' },
      { deviceId: 'cam-doc', kind: 'videoinput', label: 'USB Document Camera' },
      { deviceId: 'mic', kind: 'audioinput', label: 'Document Camera Mic' },
    ];
    expect(selectCamera(devices, { deviceId: 'cam-doc' })).toBe('cam-doc');
    expect(selectCamera(devices, { label: 'document' })).toBe('cam-doc');
    expect(selectCamera(devices, { deviceId: 'gone', label: 'webcam' })).toBe('cam-face');
    expect(selectCamera(devices, { label: 'scanner' })).toBeUndefined();
    expect(selectCamera(devices, undefined)).toBeUndefined();
  });
});

describe('DocumentCamera', () => {
  it('opens at the resolution the track reports, not the browser default', async () => {
    const media = new FakeMedia([DOC_CAM]);
    const camera = new DocumentCamera(media);
    const seen = statuses(camera);
    expect(await camera.open()).toEqual({
      state: 'ready',
      settings: { width: 4096, height: 3072, label: DOC_CAM.label },
    });
    expect(seen).toEqual(['opening', 'ready']);
    expect(media.asked).toHaveLength(1);
    expect(camera.stream).not.toBeNull();
  });

  it('falls back to the camera’s best mode when it cannot reach the minimum, and says what it got', async () => {
    const media = new FakeMedia([WEBCAM]);
    const status = await new DocumentCamera(media).open();
    expect(status).toEqual({ state: 'ready', settings: { width: 1280, height: 720, label: WEBCAM.label } });
    expect(media.asked.map((c) => c.video.width.min)).toEqual([MIN_RESOLUTION.width, undefined]);
  });

  it('opens the configured camera by label once labels are readable', async () => {
    const media = new FakeMedia([WEBCAM, DOC_CAM]);
    const camera = new DocumentCamera(media, { label: 'document camera' });
    const status = await camera.open();
    expect(status).toMatchObject({ state: 'ready', settings: { label: DOC_CAM.label, width: 4096 } });
    // The default camera opened first to get the grant was let go again.
    expect(media.tracks.filter((t) => t.label === WEBCAM.label).every((t) => t.stopped)).toBe(true);
  });

  it('opens a configured device id directly', async () => {
    const media = new FakeMedia([WEBCAM, DOC_CAM]);
    await new DocumentCamera(media, { deviceId: 'cam-doc' }).open();
    expect(media.asked[0]?.video.deviceId).toEqual({ exact: 'cam-doc' });
    expect(media.tracks).toHaveLength(1);
  });

  it.each([
    ['no media API at all (an insecure context)', undefined, 'no-camera'],
    ['no camera attached', new FakeMedia([]), 'no-camera'],
    ['the camera is held by another program', new FakeMedia([DOC_CAM], 'busy'), 'no-camera'],
    ['the permission is refused', new FakeMedia([DOC_CAM], 'denied'), 'permission-denied'],
  ] as const)('reports %s as a status, without throwing', async (_case, media, state) => {
    expect(await new DocumentCamera(media).open()).toEqual({ state });
  });

  it('does not ask again with other sizes once the permission is refused', async () => {
    const media = new FakeMedia([DOC_CAM], 'denied');
    await new DocumentCamera(media).open();
    expect(media.asked).toHaveLength(1);
  });

  it('reports unplugged when the track ends mid-capture, and opens again when asked', async () => {
    const media = new FakeMedia([DOC_CAM]);
    const camera = new DocumentCamera(media);
    const seen = statuses(camera);
    await camera.open();
    media.tracks[0]!.unplug();
    expect(camera.status).toEqual({ state: 'unplugged' });
    expect(camera.stream).toBeNull();
    expect(await camera.open()).toMatchObject({ state: 'ready' });
    expect(seen).toEqual(['opening', 'ready', 'unplugged', 'opening', 'ready']);
  });

  it('follows the preview between black frames and a picture', async () => {
    const camera = new DocumentCamera(new FakeMedia([DOC_CAM]));
    await camera.open();
    camera.reportFrame(true);
    expect(camera.status).toMatchObject({ state: 'black-frame', settings: { width: 4096 } });
    camera.reportFrame(false);
    expect(camera.status).toMatchObject({ state: 'ready' });
  });

  it('opens once when asked twice at the same time', async () => {
    const media = new FakeMedia([DOC_CAM]);
    const camera = new DocumentCamera(media);
    const [a, b] = await Promise.all([camera.open(), camera.open()]);
    expect(a).toEqual(b);
    expect(media.tracks).toHaveLength(1);
  });

  it('stops the stream when closed', async () => {
    const media = new FakeMedia([DOC_CAM]);
    const camera = new DocumentCamera(media);
    await camera.open();
    camera.close();
    expect(media.tracks[0]!.stopped).toBe(true);
    expect(camera.status).toEqual({ state: 'closed' });
    // A stopped track's own 'ended' is not an unplug.
    media.tracks[0]!.unplug();
    expect(camera.status).toEqual({ state: 'closed' });
  });
});

describe('isBlackFrame', () => {
  const frame = (w: number, h: number, paint: (x: number, y: number) => number) => {
    const rgba = new Uint8ClampedArray(w * h * 4);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const v = paint(x, y);
        rgba.set([v, v, v, 255], (y * w + x) * 4);
      }
    }
    return rgba;
  };

  it('calls video black and sensor noise black', () => {
    expect(
      isBlackFrame(
        frame(320, 240, () => 0),
        320,
        240,
      ),
    ).toBe(true);
    expect(
      isBlackFrame(
        frame(320, 240, (x, y) => 16 + ((x * 7 + y * 13) % 12)),
        320,
        240,
      ),
    ).toBe(true);
  });

  it('sees a page on the base plate, even a small one', () => {
    const page = (x: number, y: number) => (x > 100 && x < 220 && y > 60 && y < 180 ? 235 : 30);
    expect(isBlackFrame(frame(320, 240, page), 320, 240)).toBe(false);
    expect(
      isBlackFrame(
        frame(320, 240, () => BLACK_FRAME_P99 + 20),
        320,
        240,
      ),
    ).toBe(false);
  });

  it('refuses a buffer that does not match its size', () => {
    expect(() => isBlackFrame(new Uint8ClampedArray(10), 320, 240)).toThrow(/does not match/);
  });
});
