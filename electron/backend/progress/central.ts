import { lookupCasesResponseSchema } from '../../../central/cases/contract';
import { CentralSliceClient } from '../central-connection/connection';

/** The identified citizen's cases at the central, through the kiosk's one connection. */
export class CentralProgressClient extends CentralSliceClient {
  lookupCases(citizenRef: string) {
    return this.request('POST', '/v1/cases/lookup', lookupCasesResponseSchema, { citizenRef });
  }
}
