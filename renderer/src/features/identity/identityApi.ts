import { identityEndpoints } from '../../../../electron/backend/identity/contract';
import { endpointClient } from '../../api/endpoint-client';

/** Declared identity's calls, built from the backend's endpoint table. */
const client = endpointClient(identityEndpoints);

export const identityApi = {
  declareId: (idNumber: string) => client.declare({ body: { idNumber } }),
};
