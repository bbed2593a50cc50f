import { randomUUID } from 'node:crypto';
import type { IssueProofRequest, IssueProofResponse, PrintableItem } from '../../../central/proofs/contract';
import type { Clock } from '../../../domain/clock';
import type { LocalizedText } from '../../../domain/localized-text';
import {
  canPrint,
  type A4JobProgress,
  type A4PrinterStatus,
  type A4PrintRequest,
  type A4PrintResult,
} from '../../../drivers/a4-printer/types';
import type { ErrorCode } from '../api/contract';
import type { ServiceResult } from '../api/replies';
import type { CentralOutcome } from '../central-connection/connection';
import type { KioskLogger } from '../logging/logger';
import { confirmCardFor, type CardApplicant, type CardCheck } from '../session/citizen-session';
import type {
  A4PrinterStateName,
  PrintableProof,
  PrintProofResponse,
  ProofJob,
  ProofReason,
} from './contract';

export type ProofResult<T> = ServiceResult<T, ProofReason>;

export interface ProofPrintingDeps {
  clock: Clock;
  logger: KioskLogger;
  session: {
    readonly active: boolean;
    cardApplicant(): CardApplicant | undefined;
    confirmCard(): Promise<CardCheck>;
  };
  central: {
    printableItems(hallId: string): Promise<CentralOutcome<{ items: PrintableItem[] }>>;
    issue(body: IssueProofRequest, idempotencyKey: string): Promise<CentralOutcome<IssueProofResponse>>;
  };
  /** The A4 printer through the kiosk's devices (undefined status: none configured). */
  printer: {
    status(): Promise<A4PrinterStatus | undefined>;
    print(request: A4PrintRequest): Promise<A4PrintResult>;
    cancel(jobKey: string): Promise<boolean>;
  };
  hallId: string;
  terminalId: string;
}

const fail = (code: ErrorCode, reason?: ProofReason, detail?: string): ProofResult<never> => ({
  ok: false,
  code,
  ...(reason ? { reason } : {}),
  ...(detail ? { detail } : {}),
});

function centralFailure(r: Exclude<CentralOutcome<unknown>, { kind: 'ok' }>): ProofResult<never> {
  if (r.kind === 'rejected') {
    if (r.code === 'item-not-printable' || r.code === 'unknown-item')
      return fail('central-rejected', 'not-printable', r.code);
    return fail('central-rejected', undefined, `HTTP ${r.status} ${r.code}`);
  }
  if (r.kind === 'retry' && r.reason.includes('proof-render-failed'))
    return fail('central-unreachable', 'render-failed', r.reason);
  return fail('central-unreachable', 'needs-network', r.kind === 'retry' ? r.reason : r.kind);
}

function stateOf(status: A4PrinterStatus | undefined): A4PrinterStateName {
  return status?.state ?? 'none';
}

/**
 * Certificates printed at once (即办可打印 证明) for the card holder: the central issues the PDF, the
 * kiosk sends it to the A4 printer and follows the job. A certificate is only ever printed for the
 * card on the reader, checked before the central is asked and again before the printer gets it. The
 * PDF lives in memory for the one print and is wiped after it; nothing personal is logged.
 */
export class ProofPrinting {
  /** Bumped when the session ends: work that finishes later is for nobody. */
  private generation = 0;
  /** Part of every idempotency key: one certificate per item per session, the same one on a retry. */
  private nonce = randomUUID();
  private current: ProofJob | null = null;
  private busy = false;
  /** Items shown in this session, for their names on the progress line. */
  private names = new Map<string, LocalizedText>();
  /** Job keys that may still wait at the printer (a jam): withdrawn when the citizen leaves. */
  private readonly waiting = new Set<string>();
  /**
   * When each key was first asked for: a retry sends the very same body, or the central refuses the
   * key as reused with another request.
   */
  private readonly requestedAt = new Map<string, string>();

  constructor(private readonly deps: ProofPrintingDeps) {}

  async items(): Promise<ProofResult<{ items: PrintableProof[]; printer: A4PrinterStateName }>> {
    const [r, status] = await Promise.all([
      this.deps.central.printableItems(this.deps.hallId),
      this.deps.printer.status(),
    ]);
    if (r.kind !== 'ok') {
      this.deps.logger.warn('proofs.list-failed', { reason: r.kind === 'rejected' ? r.code : r.kind });
      return centralFailure(r);
    }
    for (const i of r.body.items) this.names.set(i.itemCode, i.name);
    this.deps.logger.info('proofs.listed', { items: r.body.items.length, printer: stateOf(status) });
    return {
      ok: true,
      value: {
        items: r.body.items.map((i) => ({
          itemCode: i.itemCode,
          name: i.name,
          departmentName: i.departmentName,
        })),
        printer: stateOf(status),
      },
    };
  }

  job(): ProofJob | null {
    return this.current;
  }

  async print(itemCode: string): Promise<ProofResult<Omit<PrintProofResponse, 'ok'>>> {
    if (!this.deps.session.active) return fail('no-session');
    const holder = this.deps.session.cardApplicant();
    if (!holder) return fail('no-session', 'needs-card');
    if (this.busy) return fail('bad-request', undefined, 'a certificate is being printed');
    this.busy = true;
    try {
      return await this.printFor(itemCode, holder);
    } finally {
      this.busy = false;
    }
  }

  /** The session ended: anything still waiting at the printer is withdrawn, so it never comes out for nobody. */
  reset(): void {
    this.generation++;
    this.nonce = randomUUID();
    this.current = null;
    this.names.clear();
    for (const key of this.waiting) {
      void this.deps.printer.cancel(key).then((cancelled) => {
        if (cancelled) this.deps.logger.warn('proofs.job-withdrawn', { reason: 'session ended' });
      });
    }
    this.waiting.clear();
    this.requestedAt.clear();
  }

  private async printFor(
    itemCode: string,
    holder: CardApplicant,
  ): Promise<ProofResult<Omit<PrintProofResponse, 'ok'>>> {
    const generation = this.generation;
    const card = await confirmCardFor(this.deps.session, 'print-proof', this.deps.logger);
    if (!card.ok) return fail(card.code, undefined, card.detail);
    const key = `proof-${this.nonce}-${itemCode}`;
    const itemName = this.names.get(itemCode) ?? { zh: itemCode, en: itemCode };
    const job: ProofJob = { itemCode, itemName, phase: 'preparing', printer: 'ready', pagesDone: 0 };
    this.current = job;

    // A printer that cannot print now is said before a certificate is issued for nothing; a job
    // already waiting for this key (after a jam) is followed by the driver instead.
    const before = await this.deps.printer.status();
    if (!before) return fail('printer-offline', 'no-printer');
    if (!canPrint(before) && !this.waiting.has(key)) return this.stopped(job, before, itemCode);

    const requestedAt = this.requestedAt.get(key) ?? new Date(this.deps.clock.now()).toISOString();
    this.requestedAt.set(key, requestedAt);
    const issued = await this.deps.central.issue(
      {
        hallId: this.deps.hallId,
        terminalId: this.deps.terminalId,
        itemCode,
        holder: { name: holder.name, idNumber: holder.idNumber },
        requestedAt,
      },
      key,
    );
    if (generation !== this.generation) return fail('card-session-ended', undefined, 'session ended');
    if (issued.kind !== 'ok') {
      job.phase = 'failed';
      this.deps.logger.warn('proofs.issue-failed', {
        itemCode,
        reason: issued.kind === 'rejected' ? `HTTP ${issued.status} ${issued.code}` : issued.kind,
      });
      return centralFailure(issued);
    }
    const { proof } = issued.body;
    job.itemName = proof.itemName;

    // The card may have been swapped while the central answered: the paper is for this card only.
    const still = await confirmCardFor(this.deps.session, 'print-proof', this.deps.logger);
    const now = this.deps.session.cardApplicant();
    if (!still.ok || generation !== this.generation || now?.idNumber !== holder.idNumber) {
      return fail('card-session-ended', undefined, still.ok ? 'another card' : still.detail);
    }

    const pdf = Buffer.from(issued.body.pdf, 'base64');
    let result: A4PrintResult;
    try {
      this.waiting.add(key);
      result = await this.deps.printer.print({
        pdf,
        jobKey: key,
        jobName: proof.proofId,
        onProgress: (p) => this.progress(job, p),
      });
    } finally {
      // The certificate is on paper (or not); the kiosk keeps no copy of it.
      pdf.fill(0);
    }
    if (result.ok || !result.pending) this.waiting.delete(key);
    if (generation !== this.generation) return fail('card-session-ended', undefined, 'session ended');
    if (!result.ok) return this.stopped(job, result.status, itemCode, proof.proofId);

    job.phase = 'done';
    job.pagesDone = result.pages;
    job.printer = 'ready';
    this.deps.logger.info('proofs.printed', {
      itemCode,
      proofId: proof.proofId,
      pages: result.pages,
      alreadyPrinted: result.alreadyPrinted,
    });
    return {
      ok: true,
      value: {
        outcome: 'printed',
        printer: 'ready',
        proof: {
          itemName: proof.itemName,
          holderMaskedName: proof.holderMaskedName,
          verificationCode: proof.verificationCode,
          pages: result.pages,
          alreadyPrinted: result.alreadyPrinted,
        },
      },
    };
  }

  private progress(job: ProofJob, p: A4JobProgress): void {
    if (p.phase === 'sent') job.phase = 'sent';
    else if (p.phase === 'printing') {
      job.phase = 'printing';
      job.pagesDone = p.pagesDone;
    } else {
      job.phase = 'printer-fault';
      job.printer = p.status.state;
    }
  }

  private stopped(
    job: ProofJob,
    status: A4PrinterStatus,
    itemCode: string,
    proofId?: string,
  ): ProofResult<Omit<PrintProofResponse, 'ok'>> {
    job.phase = 'printer-fault';
    job.printer = status.state;
    this.deps.logger.warn('proofs.print-failed', {
      itemCode,
      ...(proofId ? { proofId } : {}),
      printer: status.state,
      detail: 'detail' in status ? status.detail : undefined,
    });
    return { ok: true, value: { outcome: 'printer-fault', printer: status.state, proof: null } };
  }
}
