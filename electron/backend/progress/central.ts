import { lookupCasesResponseSchema } from '../../../central/cases/contract';
import { CentralSliceClient } from '../central-connection/connection';

/**
 * The identified citizen's cases at the central, through the kiosk's one connection. Payments (fees
 * due) and evaluations (cases to rate) read the same lookup, so their clients extend this one.
 */
export class CentralProgressClient extends CentralSliceClient {
  lookupCases(citizenRef: string) {
    return this.request('POST', '/v1/cases/lookup', lookupCasesResponseSchema, { citizenRef });
  }
}
