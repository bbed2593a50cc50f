/**
 * Maintenance mode in the renderer: closed, the PIN pad, or an open session with its token. The
 * token lives only here, in memory: a reload closes maintenance mode.
 */
import { create } from 'zustand';
import { createMaintenanceApi } from './maintenanceApi';

export type MaintenanceView = 'closed' | 'pin' | 'open';

export interface MaintenanceState {
  view: MaintenanceView;
  token: string | null;
  idleExitSeconds: number;
}

export const useMaintenanceStore = create<MaintenanceState>()(() => ({
  view: 'closed',
  token: null,
  idleExitSeconds: 120,
}));

export const maintenanceApi = createMaintenanceApi(() => useMaintenanceStore.getState().token);

export function openPinPad(): void {
  useMaintenanceStore.setState({ view: 'pin', token: null });
}

export function openSession(token: string, idleExitSeconds: number): void {
  useMaintenanceStore.setState({ view: 'open', token, idleExitSeconds });
}

/** Closes maintenance mode; tells the backend when a session was open. */
export function closeMaintenance(): void {
  const { token } = useMaintenanceStore.getState();
  if (token) void maintenanceApi.logout();
  useMaintenanceStore.setState({ view: 'closed', token: null });
}

/** The backend says the session is gone (idle exit on its side, restart): close without a call. */
export function sessionLost(): void {
  useMaintenanceStore.setState({ view: 'closed', token: null });
}
