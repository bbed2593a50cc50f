import type { z } from 'zod';
import type { submitEvaluationRequestSchema } from '../../../central/evaluations/contract';
import type { KioskDatabase } from '../store/database';
import type { Outbox } from '../store/outbox';

/** The outbox kind of a rating; its handler is in outbox.ts. */
export const EVALUATION_KIND = 'evaluation';

/** The rating without its free-text comment, which travels sealed (it may name someone). */
export type EvaluationPayload = Omit<z.infer<typeof submitEvaluationRequestSchema>, 'comment'>;

/**
 * Ratings committed here (table `journey_evaluations`): the row and its outbox row in one
 * transaction. Nothing personal: a rating names no one, and its comment is sealed.
 */
export class EvaluationStore {
  constructor(
    private readonly db: KioskDatabase,
    private readonly outbox: Outbox,
  ) {}

  requestEvaluation(
    payload: EvaluationPayload,
    comment: string | undefined,
    now: number,
  ): { rowId: number; outboxId: number } {
    const subjectKey = payload.subject.kind === 'case' ? payload.subject.caseId : payload.subject.ticketId;
    return this.db.transaction(() => {
      const queued = this.outbox.enqueue(
        `${EVALUATION_KIND}:${payload.subject.kind}:${subjectKey}`,
        () => payload,
        now,
        comment === undefined ? undefined : { comment },
      );
      const info = this.db
        .prepare(
          `INSERT INTO journey_evaluations (outbox_id, subject_kind, level, state, created_at, updated_at)
           VALUES (?, ?, ?, 'requested', ?, ?)`,
        )
        .run(queued.id, payload.subject.kind, payload.level, now, now);
      return { rowId: Number(info.lastInsertRowid), outboxId: queued.id };
    })();
  }

  markEvaluated(outboxId: number, followUpDeadline: string | null, now: number): void {
    this.db
      .prepare(
        `UPDATE journey_evaluations SET state = 'done', follow_up_deadline = ?, updated_at = ? WHERE outbox_id = ?`,
      )
      .run(followUpDeadline, now, outboxId);
  }

  markEvaluationRejected(outboxId: number, code: string, now: number): void {
    this.db
      .prepare(
        `UPDATE journey_evaluations SET state = 'rejected', reject_code = ?, updated_at = ? WHERE outbox_id = ?`,
      )
      .run(code, now, outboxId);
  }
}
