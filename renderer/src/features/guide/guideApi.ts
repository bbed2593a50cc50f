import { guideEndpoints } from '../../../../electron/backend/guide/contract';
import { endpointClient } from '../../api/endpoint-client';

/** The service guide's calls, built from the backend's endpoint table. */
const client = endpointClient(guideEndpoints);

export const guideApi = {
  overview: () => client.overview(),
  search: (q: string) => client.search({ query: { q } }),
  department: (departmentId: string) => client.department({ params: { departmentId } }),
  bundle: (bundleCode: string) => client.bundle({ params: { bundleCode } }),
  item: (itemCode: string) => client.item({ params: { itemCode } }),
};
