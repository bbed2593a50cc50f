import { progressEndpoints } from '../../../../electron/backend/progress/contract';
import { endpointClient } from '../../api/endpoint-client';

/** The progress calls, built from the backend's endpoint table. */
const client = endpointClient(progressEndpoints);

export const progressApi = {
  /** refresh=false: the copy the backend holds, no round trip to the central (after a live update). */
  list: (refresh: boolean) => client.list({ query: { refresh: refresh ? 'true' : 'false' } }),
  notice: (caseId: string) => client.notice({ params: { caseId } }),
};
