import { describe, expect, it } from 'vitest';
import type { MediaDevicesLike, VideoTrackLike } from '../../../../drivers/document-camera';
import { testDocumentCamera } from './cameraSelfTest';

/** A browser with one camera whose best mode is `max`, or a failure by its DOMException name. */
function media(max: { width: number; height: number } | null, fault?: string) {
  const tracks: { stopped: boolean }[] = [];
  const devices: MediaDevicesLike = {
    enumerateDevices: () =>
      Promise.resolve(max ? [{ deviceId: 'cam', kind: 'videoinput', label: 'Document Camera' }] : []),
    getUserMedia: () => {
      if (fault) return Promise.reject(Object.assign(new Error(fault), { name: fault }));
      if (!max) return Promise.reject(Object.assign(new Error('none'), { name: 'NotFoundError' }));
      const state = { stopped: false };
      tracks.push(state);
      const track: VideoTrackLike = {
        label: 'Document Camera',
        readyState: 'live',
        getSettings: () => ({ ...max, deviceId: 'cam' }),
        stop: () => {
          state.stopped = true;
        },
        addEventListener: () => {},
        removeEventListener: () => {},
      };
      return Promise.resolve({ getVideoTracks: () => [track] });
    },
  };
  return { devices, tracks };
}

describe('the document camera self-test', () => {
  it('passes a camera that delivers a page’s resolution, and leaves it closed', async () => {
    const m = media({ width: 4096, height: 3072 });
    expect(await testDocumentCamera(m.devices)).toEqual({
      ok: true,
      width: 4096,
      height: 3072,
      label: 'Document Camera',
    });
    expect(m.tracks.map((t) => t.stopped)).toEqual([true]);
  });

  it('fails a camera that only gives a webcam’s resolution, naming what it gives', async () => {
    const m = media({ width: 1280, height: 720 });
    expect(await testDocumentCamera(m.devices)).toEqual({
      ok: false,
      reason: 'low-resolution',
      width: 1280,
      height: 720,
    });
    expect(m.tracks.every((t) => t.stopped)).toBe(true);
  });

  it('names no camera, a refused permission and no media API at all', async () => {
    expect(await testDocumentCamera(media(null).devices)).toEqual({ ok: false, reason: 'no-camera' });
    expect(await testDocumentCamera(media({ width: 4096, height: 3072 }, 'NotAllowedError').devices)).toEqual(
      {
        ok: false,
        reason: 'permission-denied',
      },
    );
    expect(await testDocumentCamera(undefined)).toEqual({ ok: false, reason: 'no-camera' });
  });
});
