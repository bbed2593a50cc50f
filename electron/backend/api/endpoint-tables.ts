import type { EndpointTable } from './endpoint';
import { guideEndpoints } from '../guide/contract';
import { kioskEndpoints } from './contract';
import { queueEndpoints } from '../queue/contract';
import { developerDeviceEndpoints } from '../devices/contract';
import { identityDeveloperEndpoints, identityEndpoints } from '../identity/contract';
import { appointmentEndpoints } from '../appointments/contract';
import { paymentDeveloperEndpoints, paymentEndpoints } from '../payments/contract';
import { evaluationEndpoints } from '../evaluations/contract';
import { applyEndpoints } from '../apply/contract';
import { progressEndpoints } from '../progress/contract';
import { maintenanceEndpoints } from '../maintenance/contract';
import { staffCallEndpoints } from '../staff-call/contract';
import { voiceEndpoints } from '../voice/contract';
import { materialScanEndpoints } from '../material-scans/contract';
import { pinyinEndpoints } from '../pinyin/contract';
import { handwritingEndpoints } from '../handwriting/contract';
import { regionEndpoints } from '../regions/contract';
import { developerA4PrinterEndpoints, proofEndpoints } from '../proofs/contract';

/**
 * Every slice's endpoint table, by slice. The route-coverage test holds the running kiosk's routes
 * against this list, so a route registered outside a table (and so outside the renderer's typed
 * client) fails it.
 */
export const endpointTables: Readonly<Record<string, EndpointTable>> = {
  kiosk: kioskEndpoints,
  guide: guideEndpoints,
  queue: queueEndpoints,
  developerDevices: developerDeviceEndpoints,
  identity: identityEndpoints,
  identityDeveloper: identityDeveloperEndpoints,
  appointments: appointmentEndpoints,
  payments: paymentEndpoints,
  paymentDeveloper: paymentDeveloperEndpoints,
  evaluations: evaluationEndpoints,
  apply: applyEndpoints,
  progress: progressEndpoints,
  maintenance: maintenanceEndpoints,
  staffCall: staffCallEndpoints,
  voice: voiceEndpoints,
  materialScans: materialScanEndpoints,
  pinyin: pinyinEndpoints,
  handwriting: handwritingEndpoints,
  regions: regionEndpoints,
  proofs: proofEndpoints,
  developerA4Printer: developerA4PrinterEndpoints,
};

/** Routes that are not request and answer, so no table describes them. */
export const STREAM_ROUTES = [{ method: 'GET', path: '/api/events' }] as const;
