import { randomUUID } from 'node:crypto';
import { maskName } from '../../domain/masking';
import type { Clock } from '../../domain/clock';
import type { ServiceItem } from '../catalogue/contract';
import type { CentralDatabase } from '../db/database';
import type { EventBus } from '../events/bus';
import { hallDate } from '../../domain/hall-time';
import type {
  Applicant,
  CaseAction,
  CaseStatus,
  CaseTimelineAction,
  CaseTimelineEntry,
  CaseView,
  Delivery,
  SubmitCaseRequest,
} from './contract';
import { addWorkingDays } from '../calendar/calendar';
import { CalendarStore } from '../calendar/store';
import { transitions } from './lifecycle';
import type { Sealer } from './sealing';
import type { CommitmentSignature } from './signature-contract';

/** What a signature blob is bound to: its case, and apart from the applicant blob of that case. */
const signatureBinding = (caseId: string) => `signature:${caseId}`;

/** Six digits of case numbers per service day. */
export const MAX_DAILY_CASES = 999_999;
/** Cases returned to a kiosk for one citizen, newest first. */
export const MAX_CITIZEN_CASES = 50;

interface CaseRow {
  case_id: string;
  case_number: string;
  item_code: string;
  implementing_code: string;
  item_name_zh: string;
  item_name_en: string;
  hall_id: string;
  region_code: string;
  terminal_id: string;
  department_id: string;
  status: CaseStatus;
  citizen_ref: string;
  applicant_masked_name: string;
  applicant_sealed: string;
  materials: string;
  delivery: Delivery;
  pickup: Delivery | null;
  fee_fen: number;
  promised_days: number;
  due_date: string | null;
  submitted_at: number;
  updated_at: number;
  bundle_code: string | null;
  bundle_ref: string | null;
}

interface EventRow {
  action: CaseTimelineAction;
  from_status: CaseStatus | null;
  to_status: CaseStatus;
  actor_kind: 'citizen' | 'staff' | 'system';
  actor_id: string | null;
  department_id: string | null;
  note: string | null;
  at: number;
}

export type Actor = { kind: 'citizen' } | { kind: 'staff'; staffId: string };

export type TransitionOutcome =
  { kind: 'ok'; view: CaseView } | { kind: 'unknown-case' } | { kind: 'invalid-state'; status: CaseStatus };

/** What a route checks about a case before acting on it (its hall, its citizen, its item). */
export interface CaseFacts {
  status: CaseStatus;
  hallId: string;
  departmentId: string;
  citizenRef: string;
  itemCode: string;
  regionCode: string;
  itemName: { zh: string; en: string };
}

export interface StaffCaseFilter {
  status?: CaseStatus;
  hallId?: string;
  /** Only cases of these halls (the staff member's reach); undefined: every hall. */
  hallIds?: readonly string[];
  departmentId?: string;
  limit: number;
  before?: string;
}

/** BJ20261125000042 → service date 2026-11-25, seq 42 (for paging by case number). */
function parseCaseNumber(caseNumber: string | undefined): {
  beforeDate: string | null;
  beforeSeq: number | null;
} {
  const m = caseNumber ? /^BJ(\d{4})(\d{2})(\d{2})(\d{6})$/.exec(caseNumber) : null;
  if (!m) return { beforeDate: null, beforeSeq: null };
  return { beforeDate: `${m[1]}-${m[2]}-${m[3]}`, beforeSeq: Number(m[4]) };
}

const caseColumns = `case_id, case_number, item_code, implementing_code, item_name_zh, item_name_en, hall_id, region_code,
  terminal_id, department_id, status, citizen_ref, applicant_masked_name, applicant_sealed, materials, delivery,
  pickup, fee_fen, promised_days, due_date, submitted_at, updated_at, bundle_code, bundle_ref`;

/** Case storage and lifecycle. Methods are synchronous; writes run inside the caller's transaction. */
export class CaseStore {
  private readonly stmts;
  private readonly calendars: CalendarStore;

  constructor(
    private readonly db: CentralDatabase,
    private readonly clock: Clock,
    private readonly sealer: Sealer,
    private readonly events: EventBus,
  ) {
    this.calendars = new CalendarStore(db);
    this.stmts = {
      lastSeq: db.prepare<[string], { seq: number | null }>(
        'SELECT max(seq) AS seq FROM cases WHERE service_date = ?',
      ),
      insert: db.prepare(
        `INSERT INTO cases (case_id, case_number, service_date, seq, item_code, implementing_code, item_name_zh,
           item_name_en, region_code, hall_id, terminal_id, department_id, status, citizen_ref,
           applicant_masked_name, applicant_sealed, materials, delivery, fee_fen, promised_days, kiosk_sequence,
           requested_at, submitted_at, updated_at, bundle_code, bundle_ref)
         VALUES (@caseId, @caseNumber, @serviceDate, @seq, @itemCode, @implementingCode, @itemNameZh, @itemNameEn,
           @regionCode, @hallId, @terminalId, @departmentId, 'submitted', @citizenRef, @maskedName, @sealed,
           @materials, @delivery, @feeFen, @promisedDays, @kioskSequence, @requestedAt, @now, @now, @bundleCode,
           @bundleRef)`,
      ),
      insertSignature: db.prepare(
        `INSERT INTO case_signatures (case_id, signature_sealed, created_at) VALUES (?, ?, ?)`,
      ),
      signatureOf: db.prepare<[string], { signature_sealed: string }>(
        'SELECT signature_sealed FROM case_signatures WHERE case_id = ?',
      ),
      byId: db.prepare<[string], CaseRow>(`SELECT ${caseColumns} FROM cases WHERE case_id = ?`),
      byCitizen: db.prepare<{ ref: string; hallId: string | null; limit: number }, CaseRow>(
        `SELECT ${caseColumns} FROM cases WHERE citizen_ref = @ref AND (@hallId IS NULL OR hall_id = @hallId)
         ORDER BY id DESC LIMIT @limit`,
      ),
      list: db.prepare<
        {
          status: string | null;
          hallId: string | null;
          halls: string | null;
          departmentId: string | null;
          beforeDate: string | null;
          beforeSeq: number | null;
          limit: number;
        },
        CaseRow
      >(
        `SELECT ${caseColumns} FROM cases
         WHERE (@status IS NULL OR status = @status)
           AND (@hallId IS NULL OR hall_id = @hallId)
           AND (@halls IS NULL OR hall_id IN (SELECT value FROM json_each(@halls)))
           AND (@departmentId IS NULL OR department_id = @departmentId)
           AND (@beforeDate IS NULL OR service_date < @beforeDate OR (service_date = @beforeDate AND seq < @beforeSeq))
         ORDER BY id DESC LIMIT @limit`,
      ),
      // The payments slice's table, read here so a case view says whether its fee is settled.
      feePaid: db.prepare<[string], { paid: number }>(
        `SELECT 1 AS paid FROM payments WHERE case_id = ? AND status = 'paid' LIMIT 1`,
      ),
      timeline: db.prepare<[string], EventRow>(
        `SELECT action, from_status, to_status, actor_kind, actor_id, department_id, note, at
         FROM case_events WHERE case_id = ? ORDER BY id`,
      ),
      addEvent: db.prepare(
        `INSERT INTO case_events (case_id, action, from_status, to_status, actor_kind, actor_id, department_id, note, at)
         VALUES (@caseId, @action, @from, @to, @actorKind, @actorId, @departmentId, @note, @at)`,
      ),
      setStatus: db.prepare(
        `UPDATE cases SET status = @to, updated_at = @now, department_id = coalesce(@departmentId, department_id),
           pickup = coalesce(@pickup, pickup), due_date = coalesce(@dueDate, due_date)
         WHERE case_id = @caseId AND status = @from`,
      ),
    };
  }

  /** Stores a new case with its first timeline entry and live event. Call inside a write transaction. */
  submit(req: SubmitCaseRequest, item: ServiceItem): CaseView | 'daily-numbers-exhausted' {
    const now = this.clock.now();
    const date = hallDate(now);
    const seq = (this.stmts.lastSeq.get(date)?.seq ?? 0) + 1;
    if (seq > MAX_DAILY_CASES) return 'daily-numbers-exhausted';
    const caseId = randomUUID();
    const caseNumber = `BJ${date.replaceAll('-', '')}${String(seq).padStart(6, '0')}`;
    const feeFen = item.fees.reduce((sum, f) => sum + f.amountFen, 0);
    const maskedName = maskName(req.applicant.name);
    this.stmts.insert.run({
      caseId,
      caseNumber,
      serviceDate: date,
      seq,
      itemCode: item.itemCode,
      implementingCode: item.implementingCode,
      itemNameZh: item.name.zh,
      itemNameEn: item.name.en,
      regionCode: item.regionCode,
      hallId: req.hallId,
      terminalId: req.terminalId,
      departmentId: item.departmentId,
      citizenRef: req.citizenRef,
      maskedName,
      sealed: this.sealer.seal(req.applicant, caseId),
      materials: JSON.stringify(req.materials),
      delivery: req.delivery,
      feeFen,
      promisedDays: item.promisedDays,
      kioskSequence: req.kioskSequence,
      requestedAt: req.requestedAt,
      now,
      bundleCode: req.bundle?.bundleCode ?? null,
      bundleRef: req.bundle?.bundleRef ?? null,
    });
    if (req.signature) {
      this.stmts.insertSignature.run(caseId, this.sealer.seal(req.signature, signatureBinding(caseId)), now);
    }
    // The submission itself is the case row (submitted_at); case_events holds every change after it.
    const at = new Date(now).toISOString();
    // Built from what was just written rather than read back: submission is the hot path.
    const view: CaseView = {
      caseId,
      caseNumber,
      itemCode: item.itemCode,
      implementingCode: item.implementingCode,
      itemName: item.name,
      hallId: req.hallId,
      terminalId: req.terminalId,
      departmentId: item.departmentId,
      status: 'submitted',
      applicantMaskedName: maskedName,
      delivery: req.delivery,
      pickup: null,
      feeFen,
      // A new case has no payment yet.
      feePaid: false,
      promisedDays: item.promisedDays,
      dueDate: null,
      submittedAt: at,
      updatedAt: at,
      materials: req.materials,
      timeline: [
        {
          action: 'submit',
          fromStatus: null,
          toStatus: 'submitted',
          actorKind: 'citizen',
          departmentId: null,
          note: null,
          at,
        },
      ],
      ...(req.bundle ? { bundle: req.bundle } : {}),
    };
    this.announce(view, null);
    return view;
  }

  /** The row behind a case, for checks before acting on it. */
  find(caseId: string): CaseFacts | undefined {
    const row = this.stmts.byId.get(caseId);
    return (
      row && {
        status: row.status,
        hallId: row.hall_id,
        departmentId: row.department_id,
        citizenRef: row.citizen_ref,
        itemCode: row.item_code,
        regionCode: row.region_code,
        itemName: { zh: row.item_name_zh, en: row.item_name_en },
      }
    );
  }

  view(caseId: string, forStaff: boolean): CaseView | undefined {
    const row = this.stmts.byId.get(caseId);
    return row && this.toView(row, forStaff);
  }

  /** The applicant record, opened for staff. */
  applicant(caseId: string): Applicant | undefined {
    const row = this.stmts.byId.get(caseId);
    return row && this.sealer.open<Applicant>(row.applicant_sealed, row.case_id);
  }

  /** The commitments' signature of a case, opened for staff; undefined when it has none. */
  signature(caseId: string): CommitmentSignature | undefined {
    const row = this.stmts.signatureOf.get(caseId);
    return row && this.sealer.open<CommitmentSignature>(row.signature_sealed, signatureBinding(caseId));
  }

  /**
   * A citizen's cases, newest first, found by the keyed digest of their ID number; with `hallId`,
   * only those submitted in that hall.
   */
  byCitizen(citizenRef: string, hallId?: string): CaseView[] {
    return this.stmts.byCitizen
      .all({ ref: citizenRef, hallId: hallId ?? null, limit: MAX_CITIZEN_CASES })
      .map((r) => this.toView(r, false));
  }

  list(filter: StaffCaseFilter): CaseView[] {
    return this.stmts.list
      .all({
        status: filter.status ?? null,
        hallId: filter.hallId ?? null,
        halls: filter.hallIds ? JSON.stringify(filter.hallIds) : null,
        departmentId: filter.departmentId ?? null,
        ...parseCaseNumber(filter.before),
        limit: filter.limit,
      })
      .map((r) => this.toView(r, true));
  }

  /**
   * Applies a lifecycle action: checks the state, writes the timeline entry and the live event
   * in one transaction. Taking a case in routes it to the responsible department in the same step.
   */
  transition(
    caseId: string,
    action: CaseAction,
    actor: Actor,
    opts: { note?: string; departmentId?: string; pickup?: Delivery } = {},
  ): TransitionOutcome {
    return this.db
      .transaction((): TransitionOutcome => {
        const row = this.stmts.byId.get(caseId);
        if (!row) return { kind: 'unknown-case' };
        const t = transitions[action];
        if (!t.from.includes(row.status)) return { kind: 'invalid-state', status: row.status };
        const now = this.clock.now();
        const departmentId = action === 'route' ? (opts.departmentId ?? row.department_id) : null;
        const pickup = action === 'mark-ready' ? (opts.pickup ?? row.delivery) : null;
        const dueDate =
          action === 'take-in' && row.due_date === null
            ? // The promise counts working days: the hall's holidays and 调休 move the due date.
              addWorkingDays(
                hallDate(now),
                row.promised_days,
                this.calendars.calendarOf(row.hall_id).exceptions,
              )
            : null;
        this.stmts.setStatus.run({ caseId, from: row.status, to: t.to, now, departmentId, pickup, dueDate });
        this.record(caseId, action, row.status, t.to, actor, departmentId, opts.note ?? null, now);
        this.announce(this.view(caseId, true)!, row.status);
        if (action === 'take-in') {
          // 按责转办: routing follows from the item's responsible department, no one has to decide it.
          this.stmts.setStatus.run({
            caseId,
            from: 'accepted',
            to: 'routed',
            now,
            departmentId: null,
            pickup: null,
            dueDate: null,
          });
          this.record(caseId, 'auto-route', 'accepted', 'routed', null, row.department_id, null, now);
          this.announce(this.view(caseId, true)!, 'accepted');
        }
        return { kind: 'ok', view: this.view(caseId, true)! };
      })
      .immediate();
  }

  private record(
    caseId: string,
    action: CaseTimelineAction,
    from: CaseStatus | null,
    to: CaseStatus,
    actor: Actor | null,
    departmentId: string | null,
    note: string | null,
    at: number,
  ): void {
    this.stmts.addEvent.run({
      caseId,
      action,
      from,
      to,
      actorKind: actor?.kind ?? 'system',
      actorId: actor?.kind === 'staff' ? actor.staffId : null,
      departmentId,
      note,
      at,
    });
  }

  private announce(view: CaseView, previousStatus: CaseStatus | null): void {
    this.events.publish({
      type: 'case.status-changed',
      hallId: view.hallId,
      data: {
        caseId: view.caseId,
        caseNumber: view.caseNumber,
        itemCode: view.itemCode,
        status: view.status,
        previousStatus,
      },
    });
  }

  private toView(row: CaseRow, forStaff: boolean): CaseView {
    const submitted: CaseTimelineEntry = {
      action: 'submit',
      fromStatus: null,
      toStatus: 'submitted',
      actorKind: 'citizen',
      departmentId: null,
      note: null,
      at: new Date(row.submitted_at).toISOString(),
    };
    const changes: CaseTimelineEntry[] = this.stmts.timeline.all(row.case_id).map((e) => ({
      action: e.action,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      actorKind: e.actor_kind,
      ...(forStaff && e.actor_id ? { actorId: e.actor_id } : {}),
      departmentId: e.department_id,
      note: e.note,
      at: new Date(e.at).toISOString(),
    }));
    const timeline = [submitted, ...changes];
    return {
      caseId: row.case_id,
      caseNumber: row.case_number,
      itemCode: row.item_code,
      implementingCode: row.implementing_code,
      itemName: { zh: row.item_name_zh, en: row.item_name_en },
      hallId: row.hall_id,
      terminalId: row.terminal_id,
      departmentId: row.department_id,
      status: row.status,
      applicantMaskedName: row.applicant_masked_name,
      delivery: row.delivery,
      pickup: row.pickup,
      feeFen: row.fee_fen,
      feePaid: row.fee_fen > 0 && this.stmts.feePaid.get(row.case_id) !== undefined,
      promisedDays: row.promised_days,
      dueDate: row.due_date,
      submittedAt: new Date(row.submitted_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
      materials: JSON.parse(row.materials),
      timeline,
      ...(row.bundle_code && row.bundle_ref
        ? { bundle: { bundleCode: row.bundle_code, bundleRef: row.bundle_ref } }
        : {}),
    };
  }
}
