import { listRegionsResponseSchema } from '../../../central/catalogue/contract';
import { CentralSliceClient } from '../central-connection/connection';

/** The central's region list (read only), through the kiosk's one connection. */
export class CentralRegionsClient extends CentralSliceClient {
  regions() {
    return this.request('GET', '/v1/catalogue/regions', listRegionsResponseSchema);
  }
}
