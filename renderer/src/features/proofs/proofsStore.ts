/**
 * Where the citizen is in printing a certificate (证明) and what it last showed. Part of the initial
 * bundle (the home tile opens it), so it imports no schemas; the requests live in proofsActions.ts,
 * loaded with the screen. Wiped with the session.
 */
import { create } from 'zustand';
import type {
  A4PrinterStateName,
  PrintableProof,
  PrintProofResponse,
  ProofJob,
} from '../../../../electron/backend/proofs/contract';
import { useKioskStore } from '../../state/kioskStore';
import { requestRunner, type RequestStatus } from '../../state/run-request';
import { onNewSession } from '../../state/session-epoch';

export type ProofsView = 'list' | 'confirm' | 'printing' | 'done' | 'fault';

export interface ProofsStoreState extends RequestStatus {
  view: ProofsView;
  /** The hall's printable certificates; null until the first answer of this visit. */
  items: PrintableProof[] | null;
  /** The A4 printer as last reported (before choosing, or why the last print stopped). */
  printer: A4PrinterStateName;
  chosen: PrintableProof | null;
  /** The print under way, as the backend follows it. */
  job: ProofJob | null;
  printed: NonNullable<PrintProofResponse['proof']> | null;
}

const initial: ProofsStoreState = {
  view: 'list',
  items: null,
  printer: 'ready',
  chosen: null,
  job: null,
  printed: null,
  busy: false,
  error: null,
};

export const useProofsStore = create<ProofsStoreState>()(() => ({ ...initial }));

/** Opens the certificates from the home screen; the screen loads the list when it mounts. */
export function openProofs(): void {
  useProofsStore.setState({ ...initial });
  useKioskStore.setState({ screen: 'proofs', error: null });
}

export const runProofsRequest = requestRunner((status) => useProofsStore.setState(status));

// Every wipe of the kiosk store (card out, finish, idle) forgets what was shown.
onNewSession(() => useProofsStore.setState({ ...initial }));
