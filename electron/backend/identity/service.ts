import { validateIdNumber } from '../../../domain/id-number';
import type { JourneyReason, JourneyState } from '../api/contract';
import type { ServiceResult } from '../api/replies';
import type { KioskLogger } from '../logging/logger';
import { refuse } from '../session/citizen-action';
import type { CitizenSession } from '../session/citizen-session';
import { parseScan } from './scan';

export type ScanState = JourneyState['scan'];

export interface IdentityDeps {
  logger: KioskLogger;
  session: Pick<CitizenSession, 'active' | 'source' | 'startDeclared'>;
  hall: { queueFollowUrl: string };
  /** The simulated scanner, when this kiosk has one (developer endpoint). */
  scanner?: { scan(text: string): void };
  /** Something the renderer shows changed: it refetches /api/state. */
  changed(): void;
  /**
   * A booking's QR code (with its token) scanned while nobody is identified, e.g. on the home
   * screen: appointments checks it in; the scan's number names the answer for the screen.
   */
  appointmentQr?(code: string, token: string, seq: number): void;
}

/**
 * Declared identity (an ID number typed on screen or carried by the app's QR code) and what the
 * scanner reads during a session: an appointment code or a ticket's QR code waits here until a
 * screen acts on it (check-in, rating the visit).
 */
export class IdentityService {
  private lastScan: ScanState = null;
  private scanSeq = 0;

  constructor(private readonly deps: IdentityDeps) {}

  declare(idNumber: string, source: 'typed' | 'qr'): ServiceResult<true, JourneyReason> {
    const normalized = idNumber.trim().toUpperCase();
    if (this.deps.session.source === 'card') return refuse('bad-request', 'card-present');
    if (!validateIdNumber(normalized)) {
      this.deps.logger.warn('identity.refused', { source, reason: 'check character or format' });
      return refuse('bad-request', 'invalid-id-number');
    }
    this.deps.session.startDeclared(normalized, source);
    this.deps.logger.info('identity.declared', { source });
    return { ok: true, value: true };
  }

  /** A scan from the scanner: an ID from the app starts a session; other codes wait for a screen. */
  onScan(text: string): void {
    const scan = parseScan(text, this.deps.hall.queueFollowUrl);
    this.deps.logger.info('scan.received', { kind: scan.kind });
    if (scan.kind === 'citizen-id') {
      this.declare(scan.idNumber, 'qr');
      return;
    }
    if (!this.deps.session.active) {
      if (scan.kind !== 'appointment' || scan.token === undefined || !this.deps.appointmentQr) return;
      const seq = ++this.scanSeq;
      this.lastScan = { kind: 'appointment', code: scan.code, seq };
      this.deps.appointmentQr(scan.code, scan.token, seq);
      this.deps.changed();
      return;
    }
    const seq = ++this.scanSeq;
    this.lastScan =
      scan.kind === 'appointment'
        ? { kind: 'appointment', code: scan.code, seq }
        : scan.kind === 'visit'
          ? { kind: 'visit', ticketId: scan.ticketId, seq }
          : { kind: 'unrecognised', seq };
    this.deps.changed();
  }

  /** The last code the scanner read during this session that a screen may act on. */
  scan(): ScanState {
    return this.lastScan;
  }

  /** A screen acted on the scan (checked in, rated the visit): it is not offered again. */
  scanUsed(): void {
    this.lastScan = null;
  }

  /** Developer: the simulated scanner reads `text`, as if a code were held under it. */
  simulateScan(text: string): ServiceResult<true> {
    if (!this.deps.scanner) return refuse('not-found', undefined, 'no simulated scanner configured');
    this.deps.scanner.scan(text);
    return { ok: true, value: true };
  }

  /** The session ended: a scan read for the last citizen is not the next one's. */
  reset(): void {
    this.lastScan = null;
  }
}
