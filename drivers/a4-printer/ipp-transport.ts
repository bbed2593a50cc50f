import http from 'node:http';
import https from 'node:https';
import type { Clock } from '../../domain/clock';

/** One IPP exchange: request bytes in, response bytes out; rejects when the printer cannot be reached. */
export type IppTransport = (request: Buffer) => Promise<Buffer>;

/**
 * CUPS answers a status request in milliseconds; a Print-Job of a few hundred KB takes well under a
 * second on loopback. Ten seconds of silence means CUPS is hung or the network printer gone.
 */
export const IPP_REQUEST_TIMEOUT_MS = 10_000;

/** The HTTP URL an ipp:// or ipps:// printer URI is reached at (RFC 8010 §5: port 631 by default). */
export function httpUrlOf(printerUri: string): URL {
  const url = new URL(printerUri);
  const secure = url.protocol === 'ipps:' || url.protocol === 'https:';
  if (!['ipp:', 'ipps:', 'http:', 'https:'].includes(url.protocol))
    throw new Error(`an ipp:// or ipps:// printer URI, not ${url.protocol}`);
  const out = new URL(`${secure ? 'https' : 'http'}://${url.host}${url.pathname}${url.search}`);
  if (url.port === '' && (url.protocol === 'ipp:' || url.protocol === 'ipps:')) out.port = '631';
  return out;
}

/**
 * IPP over HTTP POST (RFC 8010 §4). Written on node:http rather than the ipp package's own request
 * function, which has no timeout and logs to the console; the package still encodes and decodes.
 */
export function httpIppTransport(
  printerUri: string,
  opts: { clock: Clock; timeoutMs?: number },
): IppTransport {
  const url = httpUrlOf(printerUri);
  const client = url.protocol === 'https:' ? https : http;
  const timeoutMs = opts.timeoutMs ?? IPP_REQUEST_TIMEOUT_MS;
  return (body) =>
    new Promise<Buffer>((resolve, reject) => {
      const req = client.request(
        url,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/ipp', 'Content-Length': body.length },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (err) => finish(err));
          res.on('end', () => {
            if (res.statusCode !== 200) finish(new Error(`HTTP ${res.statusCode ?? '?'} from ${url.host}`));
            else finish(undefined, Buffer.concat(chunks));
          });
        },
      );
      const timer = opts.clock.setTimeout(
        () => req.destroy(new Error(`no answer from ${url.host} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      let done = false;
      function finish(err: Error | undefined, bytes?: Buffer): void {
        if (done) return;
        done = true;
        opts.clock.clearTimeout(timer);
        if (err || !bytes) reject(err ?? new Error('no answer'));
        else resolve(bytes);
      }
      req.on('error', (err) => finish(err));
      req.end(body);
    });
}
