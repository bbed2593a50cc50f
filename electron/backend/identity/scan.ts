/**
 * What a scanned code is. Scans are untrusted input: anything unexpected is 'unrecognised', and
 * the text itself is never logged.
 *
 * - `appt:<8 letters/digits>[.<16-letter token>]`: a booking's QR code (the central's qrPayload); the
 *   token lets the code alone check the booking in, with nobody identified.
 * - `<hall queue follow URL>/<ticketId>`: the QR code on a queue ticket (rate that visit).
 * - `citizen-id:<18-character ID number>`: the citizen's identity QR code from the mobile app.
 *   ASSUMPTION: the app's real code is a signed token the central would verify; no such central
 *   route exists yet, so the number it carries is treated like a typed one (declared identity).
 */
export type ParsedScan =
  | { kind: 'appointment'; code: string; token?: string }
  | { kind: 'visit'; ticketId: string }
  | { kind: 'citizen-id'; idNumber: string }
  | { kind: 'unrecognised' };

export const CITIZEN_ID_QR_PREFIX = 'citizen-id:';

export function parseScan(raw: string, queueFollowUrl: string): ParsedScan {
  const text = raw.trim();
  const appt = /^appt:([A-Z0-9]{8})(?:\.([A-Z2-9]{16}))?$/i.exec(text);
  if (appt) {
    const code = appt[1]!.toUpperCase();
    return appt[2]
      ? { kind: 'appointment', code, token: appt[2].toUpperCase() }
      : { kind: 'appointment', code };
  }
  if (text.startsWith(CITIZEN_ID_QR_PREFIX)) {
    const id = text.slice(CITIZEN_ID_QR_PREFIX.length).toUpperCase();
    if (/^\d{17}[\dX]$/.test(id)) return { kind: 'citizen-id', idNumber: id };
    return { kind: 'unrecognised' };
  }
  const base = `${queueFollowUrl.replace(/\/+$/, '')}/`;
  if (text.startsWith(base)) {
    const ticketId = text.slice(base.length);
    if (/^[A-Za-z0-9_\-:.]{1,64}$/.test(ticketId)) return { kind: 'visit', ticketId };
  }
  return { kind: 'unrecognised' };
}
