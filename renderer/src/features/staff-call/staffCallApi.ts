import { staffCallEndpoints } from '../../../../electron/backend/staff-call/contract';
import { endpointClient } from '../../api/endpoint-client';

/** The staff-call slice's typed client, from the backend's endpoint table. */
export const staffCallApi = endpointClient(staffCallEndpoints);
