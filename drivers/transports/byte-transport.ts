/**
 * A byte pipe to one device. Drivers speak their wire protocol over this and never know whether the
 * other end is a USB-CDC serial port, a PTY in an integration test or an in-memory simulator.
 */
export interface ByteTransport {
  /** For logs, e.g. "serial /dev/ttyUSB0", "simulated id-card-reader". */
  readonly description: string;
  readonly isOpen: boolean;
  open(): Promise<void>;
  close(): Promise<void>;
  write(data: Uint8Array): Promise<void>;
  /** Returns an unsubscribe function. */
  onData(listener: (chunk: Uint8Array) => void): () => void;
  /** I/O error or unplug. The transport has already dropped its handle when this fires. */
  onError(listener: (err: Error) => void): () => void;
}

/** A small listener set whose emit survives listeners that unsubscribe while being called. */
export class ListenerSet<T> {
  private readonly listeners = new Set<(value: T) => void>();

  add(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }

  get size(): number {
    return this.listeners.size;
  }
}
