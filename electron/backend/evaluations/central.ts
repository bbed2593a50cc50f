import type { z } from 'zod';
import { lookupCasesResponseSchema } from '../../../central/cases/contract';
import { IDEMPOTENCY_HEADER } from '../../../central/contract';
import {
  evaluationIndicatorsResponseSchema,
  evaluationResponseSchema,
  type EvaluationChannel,
  type submitEvaluationRequestSchema,
} from '../../../central/evaluations/contract';
import { CentralSliceClient } from '../central-connection/connection';

/**
 * The central's evaluation routes and the citizen's cases (the completed ones may be rated),
 * through the kiosk's one connection (token, renewal, outcome).
 */
export class CentralEvaluationsClient extends CentralSliceClient {
  lookupCases(citizenRef: string) {
    return this.request('POST', '/v1/cases/lookup', lookupCasesResponseSchema, { citizenRef });
  }

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
