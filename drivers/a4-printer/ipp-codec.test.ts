import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/clock';
import { decodeResponse, documentOffset, encodeRequest, IppProtocolError, statusOf } from './ipp-codec';
import { httpIppTransport, httpUrlOf } from './ipp-transport';

const attrs = (
  printerState: 'idle' | 'processing' | 'stopped' | undefined,
  reasons: string[],
  accepting = true,
) => ({
  printerState,
  reasons,
  acceptingJobs: accepting,
  message: undefined,
});

describe('printer-state-reasons to status', () => {
  it.each([
    [attrs('idle', ['none']), { state: 'ready' }],
    [attrs('stopped', ['media-empty-error']), { state: 'paper-out' }],
    [attrs('stopped', ['media-needed']), { state: 'paper-out' }],
    [attrs('stopped', ['media-jam-error', 'media-empty-error']), { state: 'jam' }],
    [attrs('stopped', ['marker-supply-empty-error']), { state: 'toner-out' }],
    [attrs('stopped', ['toner-empty']), { state: 'toner-out' }],
    [attrs('stopped', ['door-open-error']), { state: 'cover-open' }],
    [attrs('idle', ['media-low-warning']), { state: 'paper-near-end' }],
    [attrs('idle', ['marker-supply-low-warning']), { state: 'toner-low' }],
    // "-report" is information only.
    [attrs('idle', ['media-empty-report']), { state: 'ready' }],
    [attrs('stopped', ['paused']), { state: 'offline', detail: 'printer paused' }],
    [attrs('idle', ['offline-error']), { state: 'offline', detail: 'printer offline' }],
    [
      attrs('processing', ['connecting-to-device']),
      { state: 'offline', detail: 'printer connecting-to-device' },
    ],
    [attrs('stopped', ['none']), { state: 'offline', detail: 'printer stopped' }],
    [attrs('idle', ['none'], false), { state: 'offline', detail: 'printer not accepting jobs' }],
    [attrs(undefined, []), { state: 'error', detail: 'printer-state missing' }],
  ])('%o → %o', (printer, status) => {
    expect(statusOf(printer)).toEqual(status);
  });
});

describe('IPP encoding', () => {
  it('puts the PDF right after the attributes, and finds it again byte for byte', () => {
    const pdf = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x03, 0xff, 0x10]);
    const req = encodeRequest(
      'Print-Job',
      9,
      { printerUri: 'ipp://h/printers/a', userName: 'kiosk', jobName: 'p-1' },
      pdf,
    );
    expect(req.subarray(documentOffset(req)).equals(pdf)).toBe(true);
  });

  it('refuses an answer that is not IPP (a web page, an empty body)', () => {
    expect(() => decodeResponse(Buffer.from('<html>not ipp</html>'))).toThrow(IppProtocolError);
    expect(() => decodeResponse(Buffer.alloc(0))).toThrow(IppProtocolError);
    expect(() => documentOffset(Buffer.from([2, 0, 0, 2, 0, 0, 0, 1, 0x01]))).toThrow(IppProtocolError);
  });

  it('maps ipp:// to http on port 631 and refuses other schemes', () => {
    expect(httpUrlOf('ipp://localhost/printers/kiosk-a4').href).toBe(
      'http://localhost:631/printers/kiosk-a4',
    );
    expect(httpUrlOf('ipps://p.example:8631/ipp/print').href).toBe('https://p.example:8631/ipp/print');
    expect(() => httpUrlOf('lpd://x/q')).toThrow(/ipp:\/\//);
  });
});

describe('httpIppTransport', () => {
  it('gives up on a printer that never answers when its clock says so (no real wait)', async () => {
    const server = http.createServer(() => {
      /* never answers */
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const clock = new ManualClock();
    const transport = httpIppTransport(`ipp://127.0.0.1:${port}/printers/x`, { clock, timeoutMs: 10_000 });
    const sent = transport(
      encodeRequest('Get-Printer-Attributes', 1, { printerUri: 'ipp://x/p', userName: 'k' }),
    );
    const outcome = sent.then(
      () => 'answered',
      (e: Error) => e.message,
    );
    await clock.advance(10_000);
    expect(await outcome).toMatch(/no answer .* within 10000 ms/);
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });
});
