import type { JourneyReason } from '../api/contract';
import type { ServiceResult } from '../api/replies';
import type { KioskLogger } from '../logging/logger';
import {
  commit,
  notAnswered,
  refuse,
  refusalBefore,
  refusedByCentral,
  type ReasonOf,
} from '../session/citizen-action';
import type { CitizenSession } from '../session/citizen-session';
import type { Clock } from '../../../domain/clock';
import type { OutboxDelivery } from '../store/outbox-delivery';
import type { CentralEvaluationsClient } from './central';
import type { IndicatorsResponse, RateableCase, RatingResult, SubmitRatingRequest } from './contract';
import type { EvaluationStore } from './store';

/** Statuses of a completed case (办结), which the citizen may rate. */
const RATEABLE_STATUSES = new Set(['approved', 'rejected', 'ready-for-pickup', 'handed-out']);

/** The central's evaluation refusals, as the screen names them. */
const REASON_OF: ReasonOf = {
  'already-evaluated': 'already-evaluated',
  'visit-not-served': 'visit-not-served',
  'unknown-ticket': 'visit-not-served',
  'indicators-required': 'indicators-required',
};

type Result<T> = ServiceResult<T, JourneyReason>;

type ServiceChannel = 'hall-window' | 'kiosk';

/**
 * The 好差评 channel of the service rated, whose indicators the citizen is offered: a visit (its
 * ticket) was served at a hall window; a case was applied for at this kiosk (the only end that
 * submits cases to this central).
 */
function channelOf(subject: 'visit' | 'case'): ServiceChannel {
  return subject === 'visit' ? 'hall-window' : 'kiosk';
}

export interface EvaluationsDeps {
  clock: Clock;
  logger: KioskLogger;
  session: CitizenSession;
  store: EvaluationStore;
  delivery: Pick<OutboxDelivery, 'deliver'>;
  central: Pick<CentralEvaluationsClient, 'lookupCases' | 'evaluationIndicators'>;
  terminalId: string;
  /** The scanned ticket's visit was rated: the screens stop offering it. */
  scanUsed(): void;
}

/**
 * 好差评 at the kiosk: a completed case or a visit (its ticket's QR code) is rated on five levels;
 * a poor one needs an indicator and is followed up by the hall. A rating names no one, so a
 * declared identity may rate; offline it waits in the outbox.
 */
export class EvaluationsService {
  private readonly indicatorsCache = new Map<ServiceChannel, IndicatorsResponse>();

  constructor(private readonly deps: EvaluationsDeps) {}

  /** The levels and the indicators of the service rated (a window visit, or a case applied for here). */
  async indicators(subject: 'visit' | 'case'): Promise<Result<IndicatorsResponse>> {
    const channel = channelOf(subject);
    const cached = this.indicatorsCache.get(channel);
    if (cached) return { ok: true, value: cached };
    const r = await this.deps.central.evaluationIndicators(channel);
    if (r.kind !== 'ok') return notAnswered(r, REASON_OF);
    const value: IndicatorsResponse = {
      ok: true,
      channel,
      levels: r.body.levels,
      positive: r.body.positive,
      negative: r.body.negative,
    };
    this.indicatorsCache.set(channel, value);
    return { ok: true, value };
  }

  async rateableCases(): Promise<Result<RateableCase[]>> {
    const { session, logger } = this.deps;
    const refused = await refusalBefore(session, 'rate', logger);
    if (refused) return refused;
    const epoch = session.epoch;
    const r = await this.deps.central.lookupCases(session.citizenRef()!);
    // Another citizen (or nobody) is identified now: these are not theirs to see.
    if (epoch !== session.epoch) return refuse('card-session-ended', undefined, 'session-changed');
    if (r.kind !== 'ok') return notAnswered(r, REASON_OF);
    return {
      ok: true,
      value: r.body.cases
        .filter((c) => RATEABLE_STATUSES.has(c.status))
        .map((c) => ({ caseId: c.caseId, caseNumber: c.caseNumber, itemName: c.itemName })),
    };
  }

  async rate(req: SubmitRatingRequest): Promise<Result<RatingResult>> {
    const { session, logger, store, clock } = this.deps;
    const refused = await refusalBefore(session, 'rate', logger);
    if (refused) return refused;
    const poor = req.level <= 2;
    if (poor && req.indicators.length === 0) return refuse('bad-request', 'indicators-required');
    const comment = req.comment?.trim() || undefined;
    const written = commit(logger, () =>
      store.requestEvaluation(
        {
          subject: req.subject,
          channel: channelOf(req.subject.kind),
          level: req.level,
          indicators: req.indicators,
          terminalId: this.deps.terminalId,
        },
        comment,
        clock.now(),
      ),
    );
    if (!written.ok) return written;
    logger.info('evaluation.submitted', { level: req.level, subject: req.subject.kind });
    if (req.subject.kind === 'visit') this.deps.scanUsed();
    const delivered = await this.deps.delivery.deliver(written.value.outboxId);
    if (delivered?.state === 'rejected') {
      logger.warn('evaluation.failed', { reason: delivered.lastError });
      return refusedByCentral(delivered.response, REASON_OF);
    }
    if (delivered?.state === 'acknowledged') {
      const e = (delivered.response as { evaluation: { followUp: { deadline: string } | null } }).evaluation;
      return { ok: true, value: { delivery: 'sent', poor, followUpDeadline: e.followUp?.deadline ?? null } };
    }
    return { ok: true, value: { delivery: 'queued', poor, followUpDeadline: null } };
  }
}
