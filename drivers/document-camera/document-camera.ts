import { cameraConstraints, selectCamera } from './constraints';
import type {
  CameraSelection,
  CameraSettings,
  CameraStatus,
  MediaDevicesLike,
  MediaStreamLike,
  VideoTrackLike,
} from './types';

type Listener = (status: CameraStatus) => void;

/**
 * The document camera through the browser's media API: opens the configured camera at its highest
 * resolution, reports what the track really delivers, and turns every failure into a status the
 * capture screen can say plainly. It holds no picture; the screen grabs stills from the stream.
 */
export class DocumentCamera {
  #status: CameraStatus = { state: 'closed' };
  #stream: MediaStreamLike | null = null;
  #track: VideoTrackLike | null = null;
  #listeners = new Set<Listener>();
  #opening: Promise<CameraStatus> | null = null;

  constructor(
    private readonly media: MediaDevicesLike | undefined,
    private readonly selection?: CameraSelection,
  ) {}

  get status(): CameraStatus {
    return this.#status;
  }

  /** The live stream for the preview; null unless the camera is open. */
  get stream(): MediaStreamLike | null {
    return this.#stream;
  }

  onStatus(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Opens the camera (once; a second call while opening gets the same answer). */
  open(): Promise<CameraStatus> {
    if (this.#status.state === 'ready' || this.#status.state === 'black-frame') {
      return Promise.resolve(this.#status);
    }
    this.#opening ??= this.#open().finally(() => {
      this.#opening = null;
    });
    return this.#opening;
  }

  /**
   * What the screen saw in the preview: a black frame while the track is live. Only the screen can
   * tell (it draws the frames), so it reports it here and the status follows.
   */
  reportFrame(black: boolean): void {
    const s = this.#status;
    if (s.state === 'ready' && black) this.#set({ state: 'black-frame', settings: s.settings });
    else if (s.state === 'black-frame' && !black) this.#set({ state: 'ready', settings: s.settings });
  }

  /** Stops the stream: the camera's light goes off and nothing of it stays open after the session. */
  close(): void {
    this.#release();
    this.#set({ state: 'closed' });
  }

  async #open(): Promise<CameraStatus> {
    if (!this.media) return this.#set({ state: 'no-camera' });
    this.#set({ state: 'opening' });
    let deviceId: string | undefined;
    try {
      // Labels are empty before the first grant; ids are not, so a configured id is found either way.
      deviceId = selectCamera(await this.media.enumerateDevices(), this.selection);
    } catch {
      return this.#set({ state: 'no-camera' });
    }
    let outcome = await this.#tryOpen(deviceId);
    if (outcome.kind === 'opened' && this.selection?.label && !deviceId) {
      // Now that labels are readable, the configured camera may be another one than the default.
      const wanted = selectCamera(await this.media.enumerateDevices(), this.selection);
      if (wanted && wanted !== outcome.track.getSettings().deviceId) {
        stopAll(outcome.stream);
        outcome = await this.#tryOpen(wanted);
      }
    }
    if (outcome.kind === 'failed') return this.#set({ state: outcome.state });

    const { stream, track } = outcome;
    this.#stream = stream;
    this.#track = track;
    track.addEventListener('ended', this.#onEnded);
    if (track.readyState === 'ended') return this.#onEnded();
    return this.#set({ state: 'ready', settings: settingsOf(track) });
  }

  async #tryOpen(
    deviceId: string | undefined,
  ): Promise<
    | { kind: 'opened'; stream: MediaStreamLike; track: VideoTrackLike }
    | { kind: 'failed'; state: 'no-camera' | 'permission-denied' }
  > {
    let lastState: 'no-camera' | 'permission-denied' = 'no-camera';
    for (const constraints of cameraConstraints(deviceId)) {
      try {
        const stream = await this.media!.getUserMedia(constraints);
        const track = stream.getVideoTracks()[0];
        if (!track) {
          stopAll(stream);
          return { kind: 'failed', state: 'no-camera' };
        }
        return { kind: 'opened', stream, track };
      } catch (error) {
        const name = errorName(error);
        // Denied is final; asking again with other sizes would only ask the same question.
        if (name === 'NotAllowedError' || name === 'SecurityError') {
          return { kind: 'failed', state: 'permission-denied' };
        }
        // OverconstrainedError: no mode reaches the minimum; the next attempt asks for less.
        lastState = 'no-camera';
      }
    }
    return { kind: 'failed', state: lastState };
  }

  #onEnded = (): CameraStatus => {
    this.#release();
    return this.#set({ state: 'unplugged' });
  };

  #release(): void {
    this.#track?.removeEventListener('ended', this.#onEnded);
    if (this.#stream) stopAll(this.#stream);
    this.#stream = null;
    this.#track = null;
  }

  #set(status: CameraStatus): CameraStatus {
    const changed = JSON.stringify(status) !== JSON.stringify(this.#status);
    this.#status = status;
    if (changed) for (const listener of this.#listeners) listener(status);
    return status;
  }
}

function settingsOf(track: VideoTrackLike): CameraSettings {
  const s = track.getSettings();
  return { width: s.width ?? 0, height: s.height ?? 0, label: track.label };
}

function stopAll(stream: MediaStreamLike): void {
  for (const track of stream.getVideoTracks()) track.stop();
}

function errorName(error: unknown): string {
  return typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
}
