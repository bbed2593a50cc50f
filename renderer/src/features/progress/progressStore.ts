/**
 * Where the citizen is in the progress journey and what it last showed. Part of the
 * initial bundle (the home tile opens it, the event stream feeds it), so it imports no schemas;
 * the requests live in progressActions.ts, loaded with the screen. Wiped with the session.
 */
import { create } from 'zustand';
import type { NoticeResponse, ProgressList } from '../../../../electron/backend/progress/contract';
import { useKioskStore } from '../../state/kioskStore';
import { requestRunner, type RequestStatus } from '../../state/run-request';
import { onNewSession } from '../../state/session-epoch';

export type ProgressView = { name: 'list' } | { name: 'case'; caseId: string };

export interface ProgressStoreState extends RequestStatus {
  view: ProgressView;
  /** The list as last answered; null until the first answer of this visit. */
  list: ProgressList | null;
  /** The result notice asked for on the case page, with how printing went. */
  notice: { caseId: string; result: Omit<NoticeResponse, 'ok'> } | null;
  /** The last "one of your cases changed" event; progressActions refetches on each new seq. */
  live: { seq: number; caseNumber: string; status: string } | null;
  /** Said politely (aria-live) when a status changed while the citizen looks. */
  announcement: { seq: number; caseNumber: string; status: string } | null;
}

const initial: ProgressStoreState = {
  view: { name: 'list' },
  list: null,
  notice: null,
  live: null,
  announcement: null,
  busy: false,
  error: null,
};

export const useProgressStore = create<ProgressStoreState>()(() => ({ ...initial }));

/** Opens the progress journey from the home screen; the screen loads the list when it mounts. */
export function openProgress(): void {
  useProgressStore.setState({ ...initial });
  useKioskStore.setState({ screen: 'progress', error: null });
}

export function showProgressView(view: ProgressView): void {
  useProgressStore.setState({ view, notice: null, error: null });
}

/** From the event stream: the backend holds a new state of one of the citizen's cases. */
export function noteProgressChanged(change: { caseNumber: string; status: string }): void {
  if (useKioskStore.getState().screen !== 'progress') return;
  const seq = (useProgressStore.getState().live?.seq ?? 0) + 1;
  useProgressStore.setState({ live: { seq, caseNumber: change.caseNumber, status: change.status } });
}

/** Runs a progress request: busy and error in this store, a late answer dropped. */
export const runProgressRequest = requestRunner((status) => useProgressStore.setState(status));

// Every wipe of the kiosk store (card out, finish, idle) forgets the cases shown.
onNewSession(() => useProgressStore.setState({ ...initial }));
