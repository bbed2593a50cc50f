import type { z } from 'zod';
import { IDEMPOTENCY_HEADER } from '../../../central/contract';
import {
  evaluationIndicatorsResponseSchema,
  evaluationResponseSchema,
  type EvaluationChannel,
  type submitEvaluationRequestSchema,
} from '../../../central/evaluations/contract';
import { CentralProgressClient } from '../progress/central';

/**
 * The central's evaluation routes and the citizen's cases (the completed ones may be rated),
 * through the kiosk's one connection (token, renewal, outcome).
 */
export class CentralEvaluationsClient extends CentralProgressClient {
  evaluationIndicators(channel: EvaluationChannel) {
    return this.request(
      'GET',
      `/v1/evaluations/indicators?channel=${channel}`,
      evaluationIndicatorsResponseSchema,
    );
  }

  submitEvaluation(body: z.infer<typeof submitEvaluationRequestSchema>, idempotencyKey: string) {
    return this.request('POST', '/v1/evaluations', evaluationResponseSchema, body, {
      [IDEMPOTENCY_HEADER]: idempotencyKey,
    });
  }
}
