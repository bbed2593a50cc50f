import { randomBytes } from 'node:crypto';
import type { Applicant } from '../../../central/cases/contract';
import type { CommitmentSignature } from '../../../central/cases/signature-contract';
import type { ApplyDelivery } from './contract';
import type { LocalizedText } from '../api/contract';
import type { KioskDatabase } from '../store/database';
import type { Outbox } from '../store/outbox';
import {
  CASE_SUBMIT_KIND,
  type CaseSubmitPayload,
  type CaseSubmitPersonal,
  type MaterialSubmission,
} from './case-payload';

export interface NewApplication {
  hallId: string;
  terminalId: string;
  citizenRef: string;
  delivery: ApplyDelivery;
  bundleCode: string | null;
  requestedAt: string;
  cases: { itemCode: string; itemName: LocalizedText; materials: MaterialSubmission[] }[];
  /** The commitments' drawn signature, sealed with the applicant into each case's outbox row. */
  signature?: CommitmentSignature;
}

export type ApplicationState = 'queued' | 'submitted' | 'rejected';

export interface LocalApplicationCase {
  id: number;
  outboxId: number;
  localRef: string;
  bundleCode: string | null;
  itemCode: string;
  itemName: LocalizedText;
  delivery: ApplyDelivery;
  materials: MaterialSubmission[];
  state: ApplicationState;
  caseId: string | null;
  caseNumber: string | null;
  rejectCode: string | null;
  receiptPrinted: boolean;
  createdAt: number;
}

interface Row {
  id: number;
  outbox_id: number;
  local_ref: string;
  bundle_code: string | null;
  item_code: string;
  item_name_zh: string;
  item_name_en: string;
  delivery: ApplyDelivery;
  materials: string;
  state: ApplicationState;
  case_id: string | null;
  case_number: string | null;
  reject_code: string | null;
  receipt_printed: number;
  created_at: number;
}

const toCase = (r: Row): LocalApplicationCase => ({
  id: r.id,
  outboxId: r.outbox_id,
  localRef: r.local_ref,
  bundleCode: r.bundle_code,
  itemCode: r.item_code,
  itemName: { zh: r.item_name_zh, en: r.item_name_en },
  delivery: r.delivery,
  materials: JSON.parse(r.materials) as MaterialSubmission[],
  state: r.state,
  caseId: r.case_id,
  caseNumber: r.case_number,
  rejectCode: r.reject_code,
  receiptPrinted: r.receipt_printed === 1,
  createdAt: r.created_at,
});

/** The kiosk's reference of an application: terminal and the first case's per-kiosk sequence. */
export function localRefOf(terminalId: string, kioskSequence: number): string {
  return `${terminalId}-${String(kioskSequence).padStart(6, '0')}`;
}

/**
 * Applications submitted at this kiosk: one row per case beside its outbox row. Nothing personal
 * here; the applicant travels sealed in the outbox row and is purged after acknowledgement, and the
 * citizen's keyed digest is dropped after the retention (`forgetCitizens`).
 */
export class LocalApplications {
  constructor(
    private readonly db: KioskDatabase,
    private readonly outbox: Outbox,
  ) {}

  /**
   * Commits an application: for each case its row and its outbox row, all in one transaction, so
   * a bundle is queued whole or not at all. Each case is its own stream (none waits for another).
   */
  submit(
    app: NewApplication,
    applicant: Applicant,
    now: number,
  ): { localRef: string; bundleRef: string | null; cases: { rowId: number; outboxId: number }[] } {
    return this.db.transaction(() => {
      const localRef = localRefOf(app.terminalId, this.outbox.nextSequence());
      // Random as well: a store rebuilt from scratch restarts its sequence, the central's links must not collide.
      const bundleRef = app.bundleCode ? `${localRef}-${randomBytes(4).toString('hex')}` : null;
      const insert = this.db.prepare(
        `INSERT INTO applications (outbox_id, local_ref, bundle_code, bundle_ref, item_code, item_name_zh,
           item_name_en, delivery, materials, citizen_ref, state, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)`,
      );
      const cases = app.cases.map((c) => {
        const queued = this.outbox.enqueue(
          `${CASE_SUBMIT_KIND}:${localRef}:${c.itemCode}`,
          ({ kioskSequence }): CaseSubmitPayload => ({
            hallId: app.hallId,
            terminalId: app.terminalId,
            itemCode: c.itemCode,
            materials: c.materials,
            delivery: app.delivery,
            kioskSequence,
            requestedAt: app.requestedAt,
            ...(app.bundleCode && bundleRef ? { bundle: { bundleCode: app.bundleCode, bundleRef } } : {}),
          }),
          now,
          {
            applicant,
            citizenRef: app.citizenRef,
            ...(app.signature ? { signature: app.signature } : {}),
          } satisfies CaseSubmitPersonal,
        );
        const info = insert.run(
          queued.id,
          localRef,
          app.bundleCode,
          bundleRef,
          c.itemCode,
          c.itemName.zh,
          c.itemName.en,
          app.delivery,
          JSON.stringify(c.materials),
          app.citizenRef,
          now,
          now,
        );
        return { rowId: Number(info.lastInsertRowid), outboxId: queued.id };
      });
      return { localRef, bundleRef, cases };
    })();
  }

  markSubmitted(outboxId: number, c: { caseId: string; caseNumber: string }, now: number): void {
    this.db
      .prepare(
        `UPDATE applications SET state = 'submitted', case_id = ?, case_number = ?, updated_at = ? WHERE outbox_id = ?`,
      )
      .run(c.caseId, c.caseNumber, now, outboxId);
  }

  markRejected(outboxId: number, code: string, now: number): void {
    this.db
      .prepare(
        `UPDATE applications SET state = 'rejected', reject_code = ?, updated_at = ? WHERE outbox_id = ?`,
      )
      .run(code, now, outboxId);
  }

  markReceiptPrinted(localRef: string, now: number): void {
    this.db
      .prepare(`UPDATE applications SET receipt_printed = 1, updated_at = ? WHERE local_ref = ?`)
      .run(now, localRef);
  }

  /** The local reference of the application a case's outbox row belongs to. */
  refOfOutbox(outboxId: number): string | undefined {
    const row = this.db.prepare('SELECT local_ref FROM applications WHERE outbox_id = ?').get(outboxId) as
      { local_ref: string } | undefined;
    return row?.local_ref;
  }

  /** The cases of one application, in the order they were submitted. */
  byRef(localRef: string): LocalApplicationCase[] {
    return (
      this.db.prepare('SELECT * FROM applications WHERE local_ref = ? ORDER BY id').all(localRef) as Row[]
    ).map(toCase);
  }

  /**
   * Drops the citizen's digest from applications made before `cutoff` (the retention): an ID number
   * has so little entropy that its keyed digest gives it back. Such an application is then no
   * longer found by `forCitizen`; it still reaches the central and is still counted.
   */
  forgetCitizens(cutoff: number): number {
    return this.db
      .prepare('UPDATE applications SET citizen_ref = NULL WHERE citizen_ref IS NOT NULL AND created_at <= ?')
      .run(cutoff).changes;
  }

  /** A citizen's applications made here, newest first (e.g. those still waiting for the network). */
  forCitizen(citizenRef: string, limit = 50): LocalApplicationCase[] {
    return (
      this.db
        .prepare('SELECT * FROM applications WHERE citizen_ref = ? ORDER BY id DESC LIMIT ?')
        .all(citizenRef, limit) as Row[]
    ).map(toCase);
  }
}
