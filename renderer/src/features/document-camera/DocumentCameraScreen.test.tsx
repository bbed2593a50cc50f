// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  CameraConstraints,
  MediaDevicesLike,
  VideoTrackLike,
} from '../../../../drivers/document-camera/types';
import type { ScannedPage } from '../../../../electron/backend/material-scans/contract';
import '../../i18n';
import type { FakeBackend } from '../../testing/fakeBackend';
import { installFakeBackend, ok, removeFakeBackend } from '../../testing/kioskHarness';
import { ManualScheduler } from '../../time/scheduler';
import { useKioskStore } from '../../state/kioskStore';
import { openCapture, useCameraStore } from './cameraStore';
import { DocumentCameraScreen } from './DocumentCameraScreen';

// jsdom draws no video into a canvas: the still is a stand-in the test chooses.
vi.mock('./grabStill', () => ({
  grabStill: vi.fn(() => Promise.resolve({ base64: 'A'.repeat(64), width: 4096, height: 3072 })),
  previewIsBlack: vi.fn(() => false),
}));

/** jsdom has no HTMLMediaElement.srcObject; the screen sets it on the preview. */
Object.defineProperty(HTMLMediaElement.prototype, 'srcObject', { value: null, writable: true });

class Track implements VideoTrackLike {
  readonly label = 'Document Camera';
  readyState = 'live';
  #ended = new Set<() => void>();
  getSettings() {
    return { width: 4096, height: 3072, deviceId: 'cam' };
  }
  stop() {
    this.readyState = 'ended';
  }
  addEventListener(_type: 'ended', l: () => void) {
    this.#ended.add(l);
  }
  removeEventListener(_type: 'ended', l: () => void) {
    this.#ended.delete(l);
  }
  unplug() {
    this.readyState = 'ended';
    for (const l of [...this.#ended]) l();
  }
}

class Media implements MediaDevicesLike {
  tracks: Track[] = [];
  enumerateDevices() {
    return Promise.resolve([{ deviceId: 'cam', kind: 'videoinput', label: 'Document Camera' }]);
  }
  getUserMedia(_c: CameraConstraints) {
    const track = new Track();
    this.tracks.push(track);
    return Promise.resolve({ getVideoTracks: () => [track] });
  }
}

const page = (index: number): ScannedPage => ({
  pageId: `pg-${String(index).padStart(32, '0')}`,
  materialCode: 'LABOR',
  index,
  bytes: 120_000,
  width: 1480,
  height: 1043,
  level: 'C',
});

let backend: FakeBackend;
beforeEach(() => {
  backend = installFakeBackend();
  useCameraStore.setState(useCameraStore.getInitialState(), true);
  openCapture('LABOR');
});
afterEach(() => {
  removeFakeBackend();
  useKioskStore.setState({ kiosk: null });
});

/** The camera open and its first frame drawn (jsdom plays no video: the event is sent by hand). */
async function previewing() {
  await screen.findByText('画面 4096×3072');
  fireEvent.loadedData(screen.getByTestId('camera-preview'));
}

const show = (media: MediaDevicesLike | undefined) =>
  render(<DocumentCameraScreen materialName="劳动合同" media={media} scheduler={new ManualScheduler()} />);

describe('the capture screen', () => {
  it('opens the camera the configuration names, not the face camera listed first', async () => {
    /** A 一体机 with a face camera listed before the document camera. */
    class TwoCameras extends Media {
      asked: (string | undefined)[] = [];
      override enumerateDevices() {
        return Promise.resolve([
          { deviceId: 'face', kind: 'videoinput', label: 'Face Camera' },
          { deviceId: 'cam', kind: 'videoinput', label: 'USB 高拍仪 Document Camera' },
        ]);
      }
      override getUserMedia(c: CameraConstraints) {
        this.asked.push(c.video.deviceId?.exact);
        return super.getUserMedia(c);
      }
    }
    useKioskStore.setState({ kiosk: { ...backend.state, documentCamera: { label: '高拍仪' } } });
    const media = new TwoCameras();
    show(media);
    await screen.findByText('画面 4096×3072');
    expect(media.asked).toEqual(['cam']);
  });

  it('waits for the first frame before it lets the citizen capture', async () => {
    show(new Media());
    await screen.findByText('画面 4096×3072');
    expect(screen.getByTestId('camera-capture-page')).toHaveProperty('disabled', true);
    fireEvent.loadedData(screen.getByTestId('camera-preview'));
    expect(screen.getByTestId('camera-capture-page')).toHaveProperty('disabled', false);
  });

  it('captures, shows the page back, keeps it and counts it', async () => {
    backend.overrides.set('POST /api/material-scans/pages', ok(page(1)));
    show(new Media());
    await previewing();
    fireEvent.click(screen.getByTestId('camera-capture-page'));
    await screen.findByTestId('camera-review');
    const sent = backend.callsTo('POST', '/api/material-scans/pages')[0]?.body as { materialCode: string };
    expect(sent.materialCode).toBe('LABOR');
    expect(screen.getByTestId('camera-review-image').getAttribute('src')).toBe(
      `/api/material-scans/pages/${page(1).pageId}/image`,
    );
    fireEvent.click(screen.getByTestId('camera-keep'));
    expect(screen.getByTestId('camera-kept').dataset.count).toBe('1');
    expect(screen.getByTestId('camera-capture').dataset.still).toBe('4096x3072');
  });

  it('retakes: the page shown back is removed', async () => {
    backend.overrides.set('POST /api/material-scans/pages', ok(page(1)));
    backend.overrides.set(`DELETE /api/material-scans/pages/${page(1).pageId}`, ok({ removed: true }));
    backend.overrides.set(
      'GET /api/material-scans/pages',
      ok({ pages: [], budget: { usedBytes: 0, limitBytes: 1_000_000, roomForPage: true } }),
    );
    show(new Media());
    await previewing();
    fireEvent.click(screen.getByTestId('camera-capture-page'));
    await screen.findByTestId('camera-review');
    fireEvent.click(screen.getByTestId('camera-retake'));
    await screen.findByTestId('camera-capture-page');
    expect(backend.callsTo('DELETE', `/api/material-scans/pages/${page(1).pageId}`)).toHaveLength(1);
    expect(screen.queryByTestId('camera-kept')).toBeNull();
  });

  it('says plainly when the budget is full, and keeps what was kept', async () => {
    backend.overrides.set('POST /api/material-scans/pages', ok(page(1)));
    show(new Media());
    await previewing();
    fireEvent.click(screen.getByTestId('camera-capture-page'));
    await screen.findByTestId('camera-review');
    fireEvent.click(screen.getByTestId('camera-keep'));
    backend.overrides.set('POST /api/material-scans/pages', {
      status: 507,
      body: { ok: false, error: { code: 'store-unavailable', reason: 'budget-full' } },
    });
    fireEvent.click(screen.getByTestId('camera-capture-page'));
    const error = await screen.findByTestId('camera-error');
    expect(error.dataset.reason).toBe('budget-full');
    expect(error.textContent).toContain('已保留的页不会丢失');
    expect(screen.getByTestId('camera-kept').dataset.count).toBe('1');
  });

  it('says the camera was unplugged mid-capture, keeps the pages, and opens it again on retry', async () => {
    backend.overrides.set('POST /api/material-scans/pages', ok(page(1)));
    const media = new Media();
    show(media);
    await previewing();
    fireEvent.click(screen.getByTestId('camera-capture-page'));
    await screen.findByTestId('camera-review');
    fireEvent.click(screen.getByTestId('camera-keep'));
    act(() => media.tracks[0]!.unplug());
    const status = screen.getByTestId('camera-status');
    expect(status.dataset.state).toBe('unplugged');
    expect(status.textContent).toContain('连接断开');
    expect(screen.queryByTestId('camera-capture-page')).toBeNull();
    expect(screen.getByTestId('camera-kept').dataset.count).toBe('1');
    fireEvent.click(screen.getByTestId('camera-retry'));
    await waitFor(() => expect(screen.getByTestId('camera-capture').dataset.camera).toBe('ready'));
    expect(media.tracks).toHaveLength(2);
  });

  it('without a camera says so and offers the window', async () => {
    show(undefined);
    const status = await screen.findByTestId('camera-status');
    expect(status.dataset.state).toBe('no-camera');
    expect(status.textContent).toContain('请带纸质材料到窗口');
    fireEvent.click(screen.getByTestId('camera-cancel'));
    expect(useCameraStore.getState().materialCode).toBeNull();
  });
});
