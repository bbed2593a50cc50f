/** The app shell's requests: the kiosk state from the backend, and ending the session. */
import { api } from '../api/client';
import { applyKioskState, setConnection, useKioskStore, wipeSession } from './kioskStore';

/** Answers to GET /api/state may overtake each other; only the newest request's answer counts. */
let stateRequestSeq = 0;

export async function refreshState(): Promise<boolean> {
  const seq = ++stateRequestSeq;
  const r = await api.getState();
  if (seq !== stateRequestSeq) return r.ok;
  if (r.ok) {
    applyKioskState(r.value);
  } else {
    setConnection('offline');
  }
  return r.ok;
}

/** Ends the session on the backend, wipes it here at once, then reloads the state. */
export async function endSession(): Promise<void> {
  const hadCitizen = useKioskStore.getState().kiosk?.citizen != null;
  wipeSession();
  if (hadCitizen) await api.endSession();
  await refreshState();
}
