/**
 * What the screens ask for, as functions over the API client and the store. Each answer is checked
 * against the session it was asked in (`sessionEpoch`), so a late answer never reaches the next
 * citizen's screen.
 */
import { api } from '../api/client';
import type { ApiClient, ApiError } from '../api/client';
import { applyKioskState, setConnection, useKioskStore, wipeSession } from './kioskStore';

let client: ApiClient = api;

/** For tests and hosts that need a different transport. */
export function setApiClient(next: ApiClient): void {
  client = next;
}

/** Answers to GET /api/state may overtake each other; only the newest request's answer counts. */
let stateRequestSeq = 0;

export async function refreshState(): Promise<boolean> {
  const seq = ++stateRequestSeq;
  const r = await client.getState();
  if (seq !== stateRequestSeq) return r.ok;
  if (r.ok) {
    applyKioskState(r.value);
  } else {
    setConnection('offline');
  }
  return r.ok;
}

export async function loadCategories(): Promise<void> {
  const epoch = useKioskStore.getState().sessionEpoch;
  const current = useKioskStore.getState().categories;
  // Keep showing the list while it refreshes (waiting counts change as tickets are taken).
  if (current.status !== 'loaded') useKioskStore.setState({ categories: { status: 'loading' } });
  const r = await client.getCategories();
  if (useKioskStore.getState().sessionEpoch !== epoch) return;
  useKioskStore.setState({
    categories: r.ok ? { status: 'loaded', categories: r.value } : { status: 'failed', error: r.error },
  });
}

export function openTakeNumber(): void {
  useKioskStore.setState({ screen: 'take-number', error: null });
  void loadCategories();
}

export async function takeTicket(category: string): Promise<void> {
  const s = useKioskStore.getState();
  // A second tap while the first request runs (common with unsteady hands) must not take two numbers.
  if (s.screen === 'taking') return;
  const epoch = s.sessionEpoch;
  useKioskStore.setState({ screen: 'taking', lastCategory: category, error: null });
  const r = await client.takeTicket(category);
  if (useKioskStore.getState().sessionEpoch !== epoch) return;
  if (r.ok) {
    useKioskStore.setState({ screen: 'ticket', lastTicket: r.value });
  } else {
    showError(r.error);
  }
}

export function showError(error: ApiError): void {
  useKioskStore.setState({
    screen: 'error',
    error,
    lastTicket: error.ticket ?? useKioskStore.getState().lastTicket,
  });
}

export async function retryLastTicket(): Promise<void> {
  const category = useKioskStore.getState().lastCategory;
  if (category === null) {
    openTakeNumber();
    return;
  }
  await takeTicket(category);
}

/** Ends the session on the backend, wipes it here at once, then reloads the state. */
export async function endSession(): Promise<void> {
  const hadCitizen = useKioskStore.getState().kiosk?.citizen != null;
  wipeSession();
  if (hadCitizen) await client.endSession();
  await refreshState();
}
