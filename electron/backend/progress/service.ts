import { randomUUID } from 'node:crypto';
import type { CaseView } from '../../../central/cases/contract';
import type { Clock, TimerHandle } from '../../../domain/clock';
import type { PrintDocument } from '../../../drivers/printer/document';
import type { PrintResult } from '../../../drivers/printer/escpos-printer';
import type { ErrorCode } from '../api/contract';
import type { ServiceResult } from '../api/replies';
import type { NoticeResponse, ProgressList, ProgressPending, ProgressReason } from './contract';
import type { KioskLogger } from '../logging/logger';
import { confirmCardFor, type CardCheck, type JourneyAction } from '../session/citizen-session';
import type { CentralOutcome } from '../central-connection/connection';
import type { LiveEvent } from '../central-connection/live-events';
import { isClosed, newestFirst, toProgressCase, type DepartmentName } from './progress-view';
import { resultNotice, resultNoticeDocument } from './paper';
import { PRINTER_ERROR } from '../devices/printer-errors';
import type { PaperWording } from '../devices/paper-wording';

/**
 * The central streams a case's events only to the kiosks of the case's own hall. A citizen's case
 * from another hall is therefore asked for this often while the citizen is identified here: often
 * enough that a decision shows up during a visit, rare enough to cost the central nothing.
 */
export const OTHER_HALL_POLL_MS = 30_000;

/** Submissions made at this kiosk that wait in its outbox (the apply journey provides them). */
export interface PendingSubmissions {
  pendingFor(citizenRef: string): ProgressPending[];
}

export type ProgressResult<T> = ServiceResult<T, ProgressReason | 'needs-card'>;

export interface CaseProgressDeps {
  clock: Clock;
  logger: KioskLogger;
  session: {
    readonly active: boolean;
    may(action: JourneyAction): boolean;
    citizenRef(): string | undefined;
    confirmCard(): Promise<CardCheck>;
  };
  central: { lookupCases(citizenRef: string): Promise<CentralOutcome<{ cases: CaseView[] }>> };
  departments: { load(): Promise<void>; name: DepartmentName; forget(): void };
  devices: { print(doc: PrintDocument, jobId: string): Promise<PrintResult> };
  hall: { id: string; name: string; caseFollowUrl: string };
  /** How this kiosk's paper is worded (its configured languages); bilingual when not given. */
  paper?: PaperWording;
  pending?: PendingSubmissions;
  /** One of the citizen's cases changed and its new state is held: the screen refetches. */
  changed(change: { caseNumber: string; status: string }): void;
}

/** The citizen's cases as last fetched in this session; memory only, dropped with the session. */
interface Held {
  citizenRef: string;
  cases: CaseView[];
  fetchedAt: number;
  fresh: boolean;
}

const fail = (
  code: ErrorCode,
  reason?: ProgressReason | 'needs-card',
  detail?: string,
): ProgressResult<never> => ({
  ok: false,
  code,
  ...(reason ? { reason } : {}),
  ...(detail ? { detail } : {}),
});

/**
 * Progress (办件进度): the identified citizen's cases with their timelines, kept current from the
 * central's live events while the citizen is here, and the result notice of a completed case.
 */
export class CaseProgress {
  private held: Held | null = null;
  /** Bumped when the session ends: an answer that arrives later is for nobody and is dropped. */
  private generation = 0;
  private live: Promise<void> | null = null;
  private liveAgain = false;
  private pollTimer: TimerHandle | undefined;
  /** Part of every notice's print job id: one notice per case and status per session. */
  private noticeNonce = randomUUID();

  constructor(private readonly deps: CaseProgressDeps) {}

  /** The citizen's cases: fetched now (refresh), or the copy held (after a live update). */
  async list(refresh: boolean): Promise<ProgressResult<ProgressList>> {
    const refused = await this.guard('list-cases');
    if (refused) return refused;
    if (refresh || this.held === null) {
      const r = await this.pull(false);
      if (r === 'session-ended') return fail('no-session');
      if (r.kind !== 'ok' && this.held === null) {
        this.deps.logger.warn('progress.lookup-failed', { reason: reasonOf(r), copy: false });
        return r.kind === 'rejected'
          ? fail('central-rejected', undefined, r.code)
          : fail('central-unreachable', 'needs-network', r.reason);
      }
      if (r.kind !== 'ok')
        this.deps.logger.warn('progress.lookup-failed', { reason: reasonOf(r), copy: true });
    }
    const list = this.view();
    if (!list) return fail('no-session');
    this.deps.logger.info('progress.listed', {
      cases: list.entries.filter((e) => e.kind === 'case').length,
      pending: list.entries.filter((e) => e.kind === 'pending').length,
      fresh: list.fresh,
    });
    return { ok: true, value: list };
  }

  /** A live event from the central: refetch when it concerns one of the citizen's cases. */
  onCentralEvent(event: LiveEvent): void {
    if (event.type === 'catalogue.changed') this.deps.departments.forget();
    if (this.held === null) return;
    if (event.type === 'stream.reset') {
      this.refreshLive();
      return;
    }
    if (event.type !== 'case.status-changed') return;
    const known = this.held.cases.some((c) => c.caseId === event.data.caseId);
    // A new case while this citizen has submissions waiting here may be one of them, acknowledged.
    const maybeOurs = event.data.previousStatus === null && this.pendingFor(this.held.citizenRef).length > 0;
    if (known || maybeOurs) this.refreshLive();
  }

  /** Prints the result notice of one of the citizen's completed cases. */
  async printNotice(caseId: string): Promise<ProgressResult<Omit<NoticeResponse, 'ok'>>> {
    const refused = await this.guard('print-notice');
    if (refused) return refused;
    // The latest state if the central answers; otherwise the decision already held stands.
    const r = await this.pull(false);
    if (r === 'session-ended') return fail('no-session');
    const view = this.held?.cases.find((c) => c.caseId === caseId);
    if (!view) return fail('not-found', 'unknown-case');
    const notice = resultNotice(view, {
      hallName: this.deps.hall.name,
      caseFollowUrl: this.deps.hall.caseFollowUrl,
      now: this.deps.clock.now(),
    });
    if (!notice) return fail('bad-request', 'not-completed');
    const printed = await this.deps.devices.print(
      resultNoticeDocument(notice, this.deps.paper),
      `notice-${this.noticeNonce}-${caseId}-${view.status}`,
    );
    if (printed.ok) {
      this.deps.logger.info('progress.notice-printed', { caseNumber: notice.caseNumber });
      return {
        ok: true,
        value: { notice, printed: true, alreadyPrinted: 'alreadyPrinted' in printed, printerProblem: null },
      };
    }
    this.deps.logger.warn('progress.notice-print-failed', { status: printed.status.state });
    return {
      ok: true,
      value: {
        notice,
        printed: false,
        alreadyPrinted: false,
        printerProblem: PRINTER_ERROR[printed.status.state] ?? 'printer-error',
      },
    };
  }

  /** The session ended: forget the cases, stop polling. */
  reset(): void {
    this.generation++;
    this.held = null;
    this.liveAgain = false;
    this.noticeNonce = randomUUID();
    if (this.pollTimer !== undefined) this.deps.clock.clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
  }

  /** Resolves when no live refresh is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.live) await this.live;
  }

  /** A card session, and its card still the one on the reader (re-read now). */
  private async guard(action: string): Promise<ProgressResult<never> | undefined> {
    if (!this.deps.session.active) return fail('no-session');
    // A typed or scanned number proves nothing about who stands here: a citizen's cases need the card.
    if (!this.deps.session.may('see-cases')) return fail('no-session', 'needs-card');
    const card = await confirmCardFor(this.deps.session, action, this.deps.logger);
    return card.ok ? undefined : fail(card.code, undefined, card.detail);
  }

  private pendingFor(citizenRef: string): ProgressPending[] {
    return this.deps.pending?.pendingFor(citizenRef) ?? [];
  }

  private view(): ProgressList | null {
    const held = this.held;
    if (!held || held.citizenRef !== this.deps.session.citizenRef()) return null;
    const cases = held.cases.map((c) => toProgressCase(c, (id) => this.deps.departments.name(id)));
    return {
      entries: [...newestFirst(this.pendingFor(held.citizenRef)), ...newestFirst(cases)],
      fetchedAt: new Date(held.fetchedAt).toISOString(),
      fresh: held.fresh,
    };
  }

  /**
   * Asks the central for the citizen's cases and holds the answer. `announce`: tell the screen
   * about each case that changed (live updates; not when the citizen asked).
   */
  private async pull(announce: boolean): Promise<CentralOutcome<{ cases: CaseView[] }> | 'session-ended'> {
    const generation = this.generation;
    const citizenRef = this.deps.session.citizenRef();
    if (citizenRef === undefined) return 'session-ended';
    const [r] = await Promise.all([this.deps.central.lookupCases(citizenRef), this.deps.departments.load()]);
    if (generation !== this.generation || citizenRef !== this.deps.session.citizenRef())
      return 'session-ended';
    if (r.kind === 'ok') {
      const before = this.held?.cases;
      this.held = { citizenRef, cases: r.body.cases, fetchedAt: this.deps.clock.now(), fresh: true };
      this.schedulePoll();
      if (announce && before) this.announceChanges(before, r.body.cases);
    } else if (this.held) {
      this.held.fresh = false;
    }
    return r;
  }

  private announceChanges(before: readonly CaseView[], after: readonly CaseView[]): void {
    const old = new Map(before.map((c) => [c.caseId, c]));
    const changed = after.filter((c) => {
      const was = old.get(c.caseId);
      return !was || was.status !== c.status || was.updatedAt !== c.updatedAt;
    });
    if (changed.length === 0) return;
    this.deps.logger.info('progress.live-updated', { changed: changed.length });
    for (const c of changed) this.deps.changed({ caseNumber: c.caseNumber, status: c.status });
  }

  /** One live refresh at a time; an event during one asks for another after it (it may predate it). */
  private refreshLive(): void {
    if (this.live) {
      this.liveAgain = true;
      return;
    }
    this.live = (async () => {
      do {
        this.liveAgain = false;
        const r = await this.pull(true);
        if (r !== 'session-ended' && r.kind !== 'ok') {
          this.deps.logger.warn('progress.lookup-failed', { reason: reasonOf(r), copy: true });
        }
      } while (this.liveAgain && this.held !== null);
    })().finally(() => {
      this.live = null;
    });
  }

  private schedulePoll(): void {
    if (this.pollTimer !== undefined) this.deps.clock.clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    const elsewhere = this.held?.cases.some((c) => c.hallId !== this.deps.hall.id && !isClosed(c.status));
    if (!elsewhere) return;
    this.pollTimer = this.deps.clock.setTimeout(() => {
      this.pollTimer = undefined;
      this.refreshLive();
    }, OTHER_HALL_POLL_MS);
  }
}

function reasonOf(r: Exclude<CentralOutcome<unknown>, { kind: 'ok' }>): string {
  return r.kind === 'rejected' ? `HTTP ${r.status} ${r.code}` : `${r.kind}: ${r.reason}`;
}
