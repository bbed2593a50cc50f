import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the proxy does to one request. It stands between the kiosk and the central and fails the
 * way township networks and overloaded servers do. It works per HTTP request (the kiosk's client
 * keeps connections alive, so per-connection faults would hit a random run of requests).
 */
export type Fault =
  | 'pass'
  /** Connection dropped before the request reaches the central. */
  | 'drop'
  /** Forwarded and applied by the central, then the connection is reset before the answer. */
  | 'reset-after-apply'
  /** Half of the answer, then a reset. */
  | 'reset-mid-response'
  /** Forwarded after a delay. */
  | 'delay'
  | 'http-500'
  /** 429 with Retry-After. */
  | 'http-429';

export const RETRY_AFTER_SECONDS = 2;
const DELAY_MS = 30;

export interface FaultProxy {
  url: string;
  counts: Record<Fault, number>;
  close(): Promise<void>;
}

export async function startFaultProxy(targetUrl: string, choose: () => Fault): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  const counts: Record<Fault, number> = {
    pass: 0,
    drop: 0,
    'reset-after-apply': 0,
    'reset-mid-response': 0,
    delay: 0,
    'http-500': 0,
    'http-429': 0,
  };
  const server: Server = createServer((req, res) => {
    const fault = choose();
    counts[fault]++;
    if (fault === 'drop') return void req.socket.destroy();
    if (fault === 'http-500' || fault === 'http-429') {
      req.resume();
      res.writeHead(fault === 'http-500' ? 500 : 429, {
        'content-type': 'application/json',
        ...(fault === 'http-429' ? { 'retry-after': String(RETRY_AFTER_SECONDS) } : {}),
      });
      return void res.end(JSON.stringify({ error: { code: 'injected', message: fault } }));
    }
    const forward = () => {
      const upstream = request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (up) => {
          const chunks: Buffer[] = [];
          up.on('data', (c: Buffer) => chunks.push(c));
          up.on('end', () => {
            const body = Buffer.concat(chunks);
            if (fault === 'reset-after-apply') return void req.socket.destroy();
            res.writeHead(up.statusCode ?? 502, up.headers);
            if (fault === 'reset-mid-response') {
              res.write(body.subarray(0, Math.floor(body.length / 2)));
              return void setImmediate(() => req.socket.destroy());
            }
            res.end(body);
          });
        },
      );
      upstream.on('error', () => req.socket.destroy());
      req.pipe(upstream);
    };
    if (fault === 'delay') setTimeout(forward, DELAY_MS);
    else forward();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
