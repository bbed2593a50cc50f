import { Socket } from 'node:net';
import { ListenerSet, type ByteTransport } from './byte-transport';

/** Port of the raw "JetDirect" print service every network ESC/POS printer offers. */
export const RAW_PRINT_PORT = 9100;
/**
 * A printer on the hall's LAN answers a TCP connect within milliseconds; 3 s covers a busy switch
 * or a printer waking from sleep without keeping a citizen waiting long on a dead one.
 */
export const TCP_CONNECT_TIMEOUT_MS = 3000;

export interface TcpTransportOptions {
  host: string;
  port?: number;
  connectTimeoutMs?: number;
}

/**
 * Raw TCP (port 9100) to a network printer. The same contract as the serial transport: connects
 * lazily, drops the socket on any error or close, and the next operation connects again.
 */
export class TcpTransport implements ByteTransport {
  readonly description: string;
  private socket: Socket | undefined;
  private opening: Promise<void> | undefined;
  private readonly dataListeners = new ListenerSet<Uint8Array>();
  private readonly errorListeners = new ListenerSet<Error>();
  private readonly port: number;
  private readonly connectTimeoutMs: number;

  constructor(private readonly options: TcpTransportOptions) {
    this.port = options.port ?? RAW_PRINT_PORT;
    this.connectTimeoutMs = options.connectTimeoutMs ?? TCP_CONNECT_TIMEOUT_MS;
    this.description = `tcp ${options.host}:${this.port}`;
  }

  get isOpen(): boolean {
    return this.socket !== undefined;
  }

  open(): Promise<void> {
    if (this.socket) return Promise.resolve();
    if (this.opening) return this.opening;
    const socket = new Socket();
    this.opening = new Promise<void>((resolve, reject) => {
      const onError = (err: Error): void => {
        this.opening = undefined;
        socket.destroy();
        reject(new Error(`${this.description}: connect failed: ${err.message}`));
      };
      socket.setTimeout(this.connectTimeoutMs, () =>
        onError(new Error(`no connection within ${this.connectTimeoutMs} ms`)),
      );
      socket.once('error', onError);
      socket.connect(this.port, this.options.host, () => {
        socket.off('error', onError);
        socket.setTimeout(0);
        // Ticket jobs are small; Nagle would hold the last bytes of a job back for a round trip.
        socket.setNoDelay(true);
        this.opening = undefined;
        this.attach(socket);
        resolve();
      });
    });
    return this.opening;
  }

  async close(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (!socket) return;
    await new Promise<void>((resolve) => socket.end(() => resolve()));
    socket.destroy();
  }

  async write(data: Uint8Array): Promise<void> {
    await this.open();
    const socket = this.socket;
    if (!socket) throw new Error(`${this.description}: not connected`);
    try {
      await new Promise<void>((resolve, reject) =>
        socket.write(Buffer.from(data.buffer, data.byteOffset, data.byteLength), (err) =>
          err ? reject(err) : resolve(),
        ),
      );
    } catch (err) {
      this.fail(socket, err);
      throw new Error(`${this.description}: write failed: ${(err as Error).message}`, { cause: err });
    }
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.dataListeners.add(listener);
  }

  onError(listener: (err: Error) => void): () => void {
    return this.errorListeners.add(listener);
  }

  private attach(socket: Socket): void {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => {
      if (this.socket === socket) this.dataListeners.emit(new Uint8Array(chunk));
    });
    socket.on('error', (err) => this.fail(socket, err));
    // A printer switched off mid-job closes (or resets) the connection.
    socket.on('close', () => this.fail(socket, new Error('connection closed by the printer')));
  }

  private fail(socket: Socket, err: unknown): void {
    if (this.socket !== socket) return;
    this.socket = undefined;
    socket.destroy();
    this.errorListeners.emit(new Error(`${this.description}: ${(err as Error).message ?? String(err)}`));
  }
}
