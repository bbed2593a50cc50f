import {
  catalogueChangesResponseSchema,
  listBundlesResponseSchema,
  listDepartmentsResponseSchema,
  listItemsResponseSchema,
} from '../../../central/catalogue/contract';
import { CentralClient } from '../central-connection/connection';

/**
 * The central's service catalogue (read only), for the service guide: the whole catalogue of the
 * kiosk's region, and the changes since a version (to tell cheaply whether the cached copy is
 * still current). Same transport, token and outcome type as the lead's client.
 */
export class CentralCatalogueClient extends CentralClient {
  departments() {
    return this.request('GET', '/v1/catalogue/departments', listDepartmentsResponseSchema);
  }

  items(regionCode: string) {
    const q = new URLSearchParams({ regionCode });
    return this.request('GET', `/v1/catalogue/items?${q}`, listItemsResponseSchema);
  }

  bundles(regionCode: string) {
    const q = new URLSearchParams({ regionCode });
    return this.request('GET', `/v1/catalogue/bundles?${q}`, listBundlesResponseSchema);
  }

  changesSince(version: number) {
    return this.request('GET', `/v1/catalogue/changes?since=${version}`, catalogueChangesResponseSchema);
  }
}
