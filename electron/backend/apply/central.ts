import { IDEMPOTENCY_HEADER } from '../../../central/contract';
import { caseResponseSchema, type SubmitCaseRequest } from '../../../central/cases/contract';
import {
  type ECertificateLookupRequest,
  eCertificateLookupResponseSchema,
} from '../../../central/certificates/contract';
import { CentralSliceClient } from '../central-connection/connection';

/** The central routes of the apply journey: e-certificate lookup and case submission. */
export class CentralApplyClient extends CentralSliceClient {
  lookupECertificates(body: ECertificateLookupRequest) {
    return this.request('POST', '/v1/e-certificates/lookup', eCertificateLookupResponseSchema, body);
  }

  submitCase(body: SubmitCaseRequest, idempotencyKey: string) {
    return this.request('POST', '/v1/cases', caseResponseSchema, body, {
      [IDEMPOTENCY_HEADER]: idempotencyKey,
    });
  }
}
