/** Typing the ID number by hand: whether the declaration is on its way and why it was refused. */
import { create } from 'zustand';
import { useKioskStore } from '../../state/kioskStore';
import { requestRunner, type RequestStatus } from '../../state/run-request';
import { onNewSession } from '../../state/session-epoch';

const initial: RequestStatus = { busy: false, error: null };

export const useIdentityStore = create<RequestStatus>()(() => ({ ...initial }));

/** Opens the typed identification from the home screen (nobody is identified yet). */
export function openIdentify(): void {
  useIdentityStore.setState({ ...initial });
  useKioskStore.setState({ screen: 'identify', error: null });
}

export const run = requestRunner((status) => useIdentityStore.setState(status));

onNewSession(() => useIdentityStore.setState({ ...initial }));
