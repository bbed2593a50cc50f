import {
  catalogueChangesResponseSchema,
  listBundlesResponseSchema,
  listDepartmentsResponseSchema,
  listItemsResponseSchema,
} from '../../../central/catalogue/contract';
import { CentralSliceClient } from '../central-connection/connection';

/**
 * The central's service catalogue (read only), for the service guide: the whole catalogue of the
 * kiosk's region, and the changes since a version (to tell cheaply whether the cached copy is
 * still current), through the kiosk's one connection: a token renewed for any caller is the
 * catalogue's too, and a 401 here renews it for all.
 */
export class CentralCatalogueClient extends CentralSliceClient {
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
