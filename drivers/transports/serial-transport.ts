import { SerialPort } from 'serialport';
import { ListenerSet, type ByteTransport } from './byte-transport';

export interface SerialTransportOptions {
  /** Prefer a stable path such as /dev/serial/by-id/... so a replug finds the same device. */
  path: string;
  baudRate: number;
}

/**
 * A serial port (USB-CDC or RS-232). Opens lazily on the first write and drops the handle on any
 * error, so the next operation reopens by path: reconnect by construction, no retry loop here.
 */
export class SerialTransport implements ByteTransport {
  readonly description: string;
  private port: SerialPort | undefined;
  private opening: Promise<void> | undefined;
  private readonly dataListeners = new ListenerSet<Uint8Array>();
  private readonly errorListeners = new ListenerSet<Error>();

  constructor(private readonly options: SerialTransportOptions) {
    this.description = `serial ${options.path}`;
  }

  get isOpen(): boolean {
    return this.port?.isOpen ?? false;
  }

  open(): Promise<void> {
    if (this.port?.isOpen) return Promise.resolve();
    if (this.opening) return this.opening;
    const port = new SerialPort({
      path: this.options.path,
      baudRate: this.options.baudRate,
      autoOpen: false,
    });
    this.opening = new Promise<void>((resolve, reject) => {
      port.open((err) => {
        this.opening = undefined;
        if (err) {
          reject(new Error(`${this.description}: open failed: ${err.message}`));
          return;
        }
        this.attach(port);
        resolve();
      });
    });
    return this.opening;
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    if (!port?.isOpen) return;
    await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  async write(data: Uint8Array): Promise<void> {
    await this.open();
    const port = this.port;
    if (!port) throw new Error(`${this.description}: not open`);
    try {
      await new Promise<void>((resolve, reject) => {
        port.write(Buffer.from(data.buffer, data.byteOffset, data.byteLength), (err) =>
          err ? reject(err) : resolve(),
        );
      });
      // Wait until the OS has taken the bytes, so a caller's response timeout starts from "sent".
      await new Promise<void>((resolve, reject) => port.drain((err) => (err ? reject(err) : resolve())));
    } catch (err) {
      this.fail(port, err);
      throw new Error(`${this.description}: write failed: ${(err as Error).message}`, { cause: err });
    }
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.dataListeners.add(listener);
  }

  onError(listener: (err: Error) => void): () => void {
    return this.errorListeners.add(listener);
  }

  private attach(port: SerialPort): void {
    this.port = port;
    port.on('data', (chunk: Buffer) => {
      if (this.port === port) this.dataListeners.emit(new Uint8Array(chunk));
    });
    port.on('error', (err: Error) => this.fail(port, err));
    // An unplugged USB-CDC device closes the port without an 'error' event.
    port.on('close', () => {
      if (this.port === port) this.fail(port, new Error('port closed unexpectedly'));
    });
  }

  private fail(port: SerialPort, err: unknown): void {
    if (this.port !== port) return;
    this.port = undefined;
    if (port.isOpen) port.close(() => undefined);
    this.errorListeners.emit(new Error(`${this.description}: ${(err as Error).message ?? String(err)}`));
  }
}
