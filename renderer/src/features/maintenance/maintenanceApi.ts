/**
 * The renderer's client of the maintenance door, built from its endpoint table over the app's one
 * HTTP client (its deadline, its answer checks): the maintenance token in its header, failures in
 * the door's own codes. Nothing throws: failures come back as a result.
 */
import type { Result } from '../../../../domain/result';
import {
  MAINTENANCE_TOKEN_HEADER,
  maintenanceEndpoints,
  maintenanceErrorBodySchema,
  type MaintenanceErrorCode,
} from '../../../../electron/backend/maintenance/contract';
import { api, type ApiClient, type FailureShape } from '../../api/client';
import { endpointClient } from '../../api/endpoint-client';

export interface MaintenanceError {
  code: MaintenanceErrorCode;
  detail?: string;
  attemptsLeft?: number;
  retryAt?: string;
  /** No PIN set: the command that sets one. */
  setPinCommand?: string;
  /** The configuration could not be written: the folder, its owner, the system's reason. */
  write?: { folder: string; owner: string | null; cause: string };
}
export type MResult<T> = Result<T, { error: MaintenanceError }>;

const doorFailures: FailureShape<MaintenanceError> = {
  errorBody: maintenanceErrorBodySchema,
  local: (code, detail) => ({ code, detail }),
};

export function createMaintenanceApi(getToken: () => string | null, http: ApiClient = api) {
  const door = endpointClient(
    maintenanceEndpoints,
    http.withFailures(doorFailures, (): Record<string, string> => {
      const token = getToken();
      return token ? { [MAINTENANCE_TOKEN_HEADER]: token } : {};
    }),
  );
  return {
    login: (pin: string) => door.login({ body: { pin } }),
    pinStatus: () => door.pinStatus(),
    logout: () => door.logout(),
    touch: () => door.touch(),
    overview: () => door.overview(),
    selfTest: () => door.selfTest(),
    testPrint: () => door.testPrint(),
    testPrintA4: () => door.testPrintA4(),
    testCard: () => door.testCard(),
    testScan: () => door.testScan(),
    config: () => door.config(),
    checkConfig: (text: string) => door.checkConfig({ body: { text } }),
    applyConfig: (text: string) => door.applyConfig({ body: { text } }),
    rollbackConfig: () => door.rollbackConfig(),
    outbox: () => door.outbox(),
    retry: (id: number) => door.retry({ params: { id } }),
    /** Gives up on a dead letter; the reason (and who, from the login) goes into the audit log. */
    discard: (id: number, reason: string) => door.discard({ params: { id }, body: { reason } }),
    /** The dead letters as the file the backend offers for download (no personal data in it). */
    exportDeadLetters: () => door.exportDeadLetters(),
    sync: () => door.sync(),
    logs: (event: string, failuresOnly: boolean) =>
      door.logs({ query: { event, failuresOnly: failuresOnly ? 'true' : 'false' } }),
    networkCheck: () => door.networkCheck(),
    restart: () => door.restart(),
    leaveKiosk: () => door.leaveKiosk(),
    audit: () => door.audit(),
  };
}

export type MaintenanceApi = ReturnType<typeof createMaintenanceApi>;
