import { randomUUID } from 'node:crypto';
import type { CentralDatabase } from '../db/database';
import { hallDate } from '../../domain/hall-time';
import type { Evaluation, FollowUp, SubmitEvaluationRequest } from './contract';
import { POOR_RATING_MAX } from './indicators';
import { CalendarStore } from '../calendar/store';
import { addWorkingDays } from './working-days';

/** Working days to rectify or explain a poor rating (locally set, commonly 5–15). */
export const FOLLOW_UP_WORKING_DAYS = 5;

/** Masks runs of six or more digits (ID numbers, phone numbers) in free text before it is stored. */
export function maskDigits(text: string): string {
  return text.replace(/[0-9Xx]{6,}/g, (run) => (/\d{6,}/.test(run) ? '*'.repeat(run.length) : run));
}

interface EvaluationRow {
  evaluation_id: string;
  subject_kind: 'case' | 'visit';
  subject_id: string;
  channel: Evaluation['channel'];
  level: number;
  indicators: string;
  comment: string | null;
  created_at: number;
}

interface FollowUpRow {
  followup_id: string;
  evaluation_id: string;
  level: number;
  status: FollowUp['status'];
  deadline: string;
  callback_required: number;
  called_back: number;
  resolution_note: string | null;
  created_at: number;
  closed_at: number | null;
}

export type SubmitOutcome =
  { kind: 'created'; evaluation: Evaluation } | { kind: 'already-evaluated'; evaluation: Evaluation };

/** Evaluations (好差评) and the follow-ups of poor ones. */
export class EvaluationStore {
  private readonly stmts;
  private readonly calendars: CalendarStore;

  constructor(private readonly db: CentralDatabase) {
    this.calendars = new CalendarStore(db);
    const followUpSelect = `SELECT f.*, e.level FROM evaluation_followups f JOIN evaluations e USING (evaluation_id)`;
    this.stmts = {
      bySubject: db.prepare<[string, string], EvaluationRow>(
        'SELECT * FROM evaluations WHERE subject_kind = ? AND subject_id = ?',
      ),
      byId: db.prepare<[string], EvaluationRow>('SELECT * FROM evaluations WHERE evaluation_id = ?'),
      insert: db.prepare(
        `INSERT INTO evaluations (evaluation_id, subject_kind, subject_id, channel, level, indicators, comment, terminal_id, created_at, hall_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertFollowUp: db.prepare(
        `INSERT INTO evaluation_followups (followup_id, evaluation_id, status, deadline, callback_required, created_at)
         VALUES (?, ?, 'open', ?, 1, ?)`,
      ),
      followUpOf: db.prepare<[string], FollowUpRow>(`${followUpSelect} WHERE f.evaluation_id = ?`),
      followUp: db.prepare<[string], FollowUpRow>(`${followUpSelect} WHERE f.followup_id = ?`),
      followUps: db.prepare<{ status: string | null; halls: string | null }, FollowUpRow>(
        `${followUpSelect} WHERE (@status IS NULL OR f.status = @status)
           AND (@halls IS NULL OR e.hall_id IN (SELECT value FROM json_each(@halls)))
         ORDER BY f.deadline, f.created_at`,
      ),
      followUpHall: db.prepare<[string], { hall_id: string | null }>(
        'SELECT e.hall_id FROM evaluation_followups f JOIN evaluations e USING (evaluation_id) WHERE f.followup_id = ?',
      ),
      close: db.prepare(
        `UPDATE evaluation_followups SET status = ?, resolution_note = ?, called_back = 1, closed_at = ?
         WHERE followup_id = ? AND status = 'open'`,
      ),
    };
  }

  /** Records a rating (call inside a write transaction); a poor one opens its follow-up. */
  submit(req: SubmitEvaluationRequest, hallId: string | null, now: number): SubmitOutcome {
    const subjectId = req.subject.kind === 'case' ? req.subject.caseId : req.subject.ticketId;
    const existing = this.stmts.bySubject.get(req.subject.kind, subjectId);
    if (existing) return { kind: 'already-evaluated', evaluation: this.toEvaluation(existing, now) };
    const evaluationId = randomUUID();
    this.stmts.insert.run(
      evaluationId,
      req.subject.kind,
      subjectId,
      req.channel,
      req.level,
      JSON.stringify([...new Set(req.indicators)]),
      req.comment === undefined ? null : maskDigits(req.comment),
      req.terminalId ?? null,
      now,
      hallId,
    );
    if (req.level <= POOR_RATING_MAX) {
      // Holidays and 调休 of the hall (and of every hall) move the deadline, as they move the staff's week.
      const exceptions = hallId === null ? [] : this.calendars.calendarOf(hallId).exceptions;
      const deadline = addWorkingDays(hallDate(now), FOLLOW_UP_WORKING_DAYS, exceptions);
      this.stmts.insertFollowUp.run(randomUUID(), evaluationId, deadline, now);
    }
    return { kind: 'created', evaluation: this.toEvaluation(this.stmts.byId.get(evaluationId)!, now) };
  }

  /** Follow-ups, of `hallIds` only when given (a hall-less evaluation is in no hall's list). */
  followUps(
    status: FollowUp['status'] | undefined,
    hallIds: readonly string[] | undefined,
    now: number,
  ): FollowUp[] {
    return this.stmts.followUps
      .all({ status: status ?? null, halls: hallIds ? JSON.stringify(hallIds) : null })
      .map((r) => toFollowUp(r, now));
  }

  followUpHall(id: string): string | null {
    return this.stmts.followUpHall.get(id)?.hall_id ?? null;
  }

  followUp(id: string, now: number): FollowUp | undefined {
    const row = this.stmts.followUp.get(id);
    return row && toFollowUp(row, now);
  }

  close(id: string, resolution: 'rectified' | 'explained', note: string, now: number): boolean {
    return this.stmts.close.run(resolution, maskDigits(note), now, id).changes === 1;
  }

  private toEvaluation(r: EvaluationRow, now: number): Evaluation {
    const followUp = this.stmts.followUpOf.get(r.evaluation_id);
    return {
      evaluationId: r.evaluation_id,
      subject:
        r.subject_kind === 'case'
          ? { kind: 'case', caseId: r.subject_id }
          : { kind: 'visit', ticketId: r.subject_id },
      channel: r.channel,
      level: r.level,
      indicators: JSON.parse(r.indicators),
      comment: r.comment,
      createdAt: new Date(r.created_at).toISOString(),
      followUp: followUp ? toFollowUp(followUp, now) : null,
    };
  }
}

function toFollowUp(r: FollowUpRow, now: number): FollowUp {
  return {
    followUpId: r.followup_id,
    evaluationId: r.evaluation_id,
    level: r.level,
    status: r.status,
    deadline: r.deadline,
    overdue: r.status === 'open' && hallDate(now) > r.deadline,
    callbackRequired: r.callback_required === 1,
    calledBack: r.called_back === 1,
    resolutionNote: r.resolution_note,
    createdAt: new Date(r.created_at).toISOString(),
    closedAt: r.closed_at === null ? null : new Date(r.closed_at).toISOString(),
  };
}
