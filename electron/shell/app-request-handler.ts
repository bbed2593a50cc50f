/**
 * Answers every app://kiosk/ request of the renderer: /api/* is forwarded to the backend over its
 * Unix socket / named pipe, everything else is a file of the built renderer. No electron import: the
 * handler speaks the web Request/Response that `protocol.handle` uses, so it runs under vitest too.
 */
import { readFile as fsReadFile } from 'node:fs/promises';
import http from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { ErrorBody } from '../backend/api/contract';
import { cspHeader } from './csp';
import { isAppUrl } from './navigation';
import { mimeTypeFor, resolveStaticPath } from './static-files';

export interface BackendEndpoint {
  /** Unix socket path or Windows named pipe the backend listens on. */
  readonly socketPath: string;
  /** Sent as x-kiosk-secret; the backend refuses requests without it. */
  readonly secret: string;
}

export interface AppRequestHandlerOptions {
  /** The folder of the built renderer (dist/renderer). */
  readonly rendererRoot: string;
  /** The backend's endpoint once it is ready, or null while it is down or restarting. */
  readonly backend: () => Promise<BackendEndpoint | null>;
  readonly readFile?: (path: string) => Promise<Uint8Array>;
  /** Defaults to API_RESPONSE_TIMEOUT_MS; shorter in tests. */
  readonly responseTimeoutMs?: number;
}

export const SECRET_HEADER = 'x-kiosk-secret';

/**
 * The backend must answer with headers within this time. Generous because a print job or a card
 * read may be awaited before the answer; the event stream sends its headers at once. Without a
 * bound a wedged backend would leave the renderer's request pending forever.
 */
export const API_RESPONSE_TIMEOUT_MS = 30_000;

// Hop-by-hop headers describe one connection, not the message: never forwarded across the proxy.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);
const NULL_BODY_STATUS = new Set([101, 204, 205, 304]);

function securityHeaders(headers: Headers): Headers {
  headers.set('content-security-policy', cspHeader());
  headers.set('x-content-type-options', 'nosniff');
  return headers;
}

function jsonError(status: number, code: ErrorBody['error']['code'], detail: string): Response {
  const body: ErrorBody = { ok: false, error: { code, detail } };
  return new Response(JSON.stringify(body), {
    status,
    headers: securityHeaders(new Headers({ 'content-type': 'application/json; charset=utf-8' })),
  });
}

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: securityHeaders(new Headers({ 'content-type': 'text/plain; charset=utf-8' })),
  });
}

function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}

function forwardedRequestHeaders(request: Request, secret: string): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  request.headers.forEach((value, name) => {
    // The renderer cannot choose the secret: a value it sends is dropped and replaced.
    if (HOP_BY_HOP.has(name) || name === 'host' || name === SECRET_HEADER) return;
    out[name] = value;
  });
  out.host = 'kiosk';
  out[SECRET_HEADER] = secret;
  return out;
}

function backendResponseHeaders(incoming: http.IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || HOP_BY_HOP.has(name) || name === 'content-security-policy') continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return securityHeaders(headers);
}

function forward(
  request: Request,
  url: URL,
  endpoint: BackendEndpoint,
  timeoutMs: number,
): Promise<Response> {
  return new Promise<Response>((resolve) => {
    const outgoing = http.request({
      socketPath: endpoint.socketPath,
      method: request.method,
      path: `${url.pathname}${url.search}`,
      headers: forwardedRequestHeaders(request, endpoint.secret),
    });
    const timer = setTimeout(() => {
      outgoing.destroy();
      resolve(jsonError(504, 'internal', 'backend did not answer in time'));
    }, timeoutMs);
    outgoing.on('response', (incoming) => {
      clearTimeout(timer);
      const status = incoming.statusCode ?? 502;
      const headers = backendResponseHeaders(incoming.headers);
      if (NULL_BODY_STATUS.has(status) || request.method === 'HEAD' || status < 200) {
        incoming.resume();
        resolve(new Response(null, { status: status < 200 ? 502 : status, headers }));
        return;
      }
      // Streamed, not buffered: /api/events is an endless text/event-stream. When the renderer
      // drops the stream (EventSource closed, page reloaded) the web stream is cancelled, which
      // destroys `incoming` and with it the socket, so the backend sees the client go away.
      const body = Readable.toWeb(incoming) as unknown as ReadableStream<Uint8Array>;
      resolve(new Response(body, { status, statusText: incoming.statusMessage ?? '', headers }));
    });
    outgoing.on('error', () => {
      clearTimeout(timer);
      resolve(jsonError(503, 'internal', 'backend unreachable'));
    });
    if (request.body && request.method !== 'GET' && request.method !== 'HEAD') {
      Readable.fromWeb(request.body as unknown as NodeReadableStream<Uint8Array>)
        .on('error', () => outgoing.destroy())
        .pipe(outgoing);
    } else {
      outgoing.end();
    }
  });
}

async function serveStatic(
  request: Request,
  root: string,
  readFile: (path: string) => Promise<Uint8Array>,
): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method Not Allowed');
  const filePath = resolveStaticPath(root, request.url);
  if (!filePath) return plain(404, 'Not Found');
  let content: Uint8Array;
  try {
    // readFile rather than a stream: it reads from inside app.asar transparently and the renderer's
    // files are small.
    content = await readFile(filePath);
  } catch {
    return plain(404, 'Not Found');
  }
  const headers = securityHeaders(new Headers({ 'content-type': mimeTypeFor(filePath) }));
  // index.html names the hashed bundles of this build; it must not outlive an update.
  if (filePath.endsWith('.html')) headers.set('cache-control', 'no-cache');
  // fs never hands out SharedArrayBuffer-backed buffers, which is all the cast rules out.
  const body = request.method === 'HEAD' ? null : (content as Uint8Array<ArrayBuffer>);
  return new Response(body, { status: 200, headers });
}

export function createAppRequestHandler(
  options: AppRequestHandlerOptions,
): (request: Request) => Promise<Response> {
  const readFile = options.readFile ?? fsReadFile;
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return plain(400, 'Bad Request');
    }
    if (!isAppUrl(url)) return plain(404, 'Not Found');
    if (isApiPath(url.pathname)) {
      const endpoint = await options.backend();
      if (!endpoint) return jsonError(503, 'internal', 'backend restarting');
      return forward(request, url, endpoint, options.responseTimeoutMs ?? API_RESPONSE_TIMEOUT_MS);
    }
    return serveStatic(request, options.rendererRoot, readFile);
  };
}
