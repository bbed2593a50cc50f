import { ListenerSet, type ByteTransport } from './byte-transport';

/** The device side of a simulated link: what a simulator sees of the cable. */
export interface SimulatedDeviceEnd {
  onHostData(listener: (chunk: Uint8Array) => void): () => void;
  sendToHost(data: Uint8Array): void;
  /**
   * Pulls the cable from the device side, so a simulator can inject "unplug mid-job". Addition to
   * the brief's two members; for a link from createSimulatedLink it is the same as link.unplug().
   */
  unplug(): void;
}

export interface SimulatedLinkOptions {
  /**
   * Splits every chunk (both directions) into pieces of at most this many bytes, each delivered in
   * its own microtask, so parsers are exercised on reassembly the way a real UART delivers bytes.
   */
  maxChunkSize?: number;
}

export interface SimulatedLink {
  host: ByteTransport;
  device: SimulatedDeviceEnd;
  /** Host writes and opens fail from now on; host onError listeners are told once. */
  unplug(): void;
  /** Plugs the cable back in; the host must open() again, as after a real reconnect. */
  replug(): void;
  readonly isPlugged: boolean;
  /** Changes the piece size for later chunks (undefined = deliver whole chunks). */
  setMaxChunkSize(size: number | undefined): void;
}

/**
 * An in-memory cable. Delivery is asynchronous (queueMicrotask) because a real link never calls
 * back inside write(); code that only works with synchronous delivery would break on hardware.
 */
export function createSimulatedLink(description: string, options: SimulatedLinkOptions = {}): SimulatedLink {
  let maxChunkSize = options.maxChunkSize;
  let plugged = true;
  let hostOpen = false;
  const toHost = new ListenerSet<Uint8Array>();
  const toDevice = new ListenerSet<Uint8Array>();
  const hostErrors = new ListenerSet<Error>();

  const deliver = (data: Uint8Array, sink: ListenerSet<Uint8Array>, stillValid: () => boolean): void => {
    const copy = Uint8Array.from(data);
    const size = maxChunkSize && maxChunkSize > 0 ? maxChunkSize : copy.length || 1;
    for (let start = 0; start < copy.length; start += size) {
      const piece = copy.subarray(start, start + size);
      queueMicrotask(() => {
        if (stillValid()) sink.emit(piece);
      });
    }
  };

  const unplug = (): void => {
    if (!plugged) return;
    plugged = false;
    const wasOpen = hostOpen;
    hostOpen = false;
    if (wasOpen) hostErrors.emit(new Error(`${description}: device unplugged`));
  };

  const host: ByteTransport = {
    description,
    get isOpen() {
      return hostOpen;
    },
    async open() {
      if (!plugged) throw new Error(`${description}: no device (unplugged)`);
      hostOpen = true;
    },
    async close() {
      hostOpen = false;
    },
    async write(data) {
      if (!plugged) throw new Error(`${description}: write failed, device unplugged`);
      if (!hostOpen) throw new Error(`${description}: write on a closed transport`);
      deliver(data, toDevice, () => plugged);
    },
    onData: (listener) => toHost.add(listener),
    onError: (listener) => hostErrors.add(listener),
  };

  const device: SimulatedDeviceEnd = {
    onHostData: (listener) => toDevice.add(listener),
    sendToHost(data) {
      // A real port that is closed or unplugged loses what the device sends.
      if (!plugged || !hostOpen) return;
      deliver(data, toHost, () => plugged && hostOpen);
    },
    unplug,
  };

  return {
    host,
    device,
    unplug,
    replug() {
      plugged = true;
    },
    get isPlugged() {
      return plugged;
    },
    setMaxChunkSize(size) {
      maxChunkSize = size;
    },
  };
}

/**
 * Presents a transport as a device end, so a simulator can sit on a real port (the other side of a
 * PTY pair in integration tests, or a virtual COM port for a developer).
 */
export function transportAsDeviceEnd(transport: ByteTransport): SimulatedDeviceEnd {
  return {
    onHostData: (listener) => transport.onData(listener),
    sendToHost(data) {
      transport.write(data).catch(() => {
        // The host side sees silence, which is what a dead device looks like.
      });
    },
    unplug() {
      void transport.close();
    },
  };
}
