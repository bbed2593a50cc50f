/**
 * 长辈模式's session state: whether the offer made to a card holder of 60 or more was answered in
 * this session (yes or no, it is not asked again until the next session), and whether the citizen
 * left the short menu for all services. Both belong to the session: a new one starts fresh.
 */
import { create } from 'zustand';
import type { KioskState } from '../../../../electron/backend/api/contract';
import { setElderly, useKioskStore, type KioskStoreState } from '../../state/kioskStore';
import { currentSession } from '../../state/session-epoch';

interface ElderlyModeState {
  /** The session (`sessionEpoch`) whose citizen answered the offer; null: not asked yet. */
  answeredIn: number | null;
  /** The session in which the citizen chose all services over the short menu. */
  allServicesIn: number | null;
}

export const useElderlyModeStore = create<ElderlyModeState>()(() => ({
  answeredIn: null,
  allServicesIn: null,
}));

/** A card read (not a typed or scanned number) of someone 60 or more, who is not in the mode yet. */
export function offerDue(
  s: Pick<KioskStoreState, 'elderly' | 'sessionEpoch'> & { kiosk: KioskState | null },
  answeredIn: number | null,
): boolean {
  const citizen = s.kiosk?.citizen;
  if (!citizen || s.elderly || answeredIn === s.sessionEpoch) return false;
  return (citizen.source ?? 'card') === 'card' && citizen.senior === true;
}

export function answerOffer(yes: boolean): void {
  useElderlyModeStore.setState({ answeredIn: currentSession() });
  if (yes) setElderly(true);
}

export function showAllServices(all: boolean): void {
  useElderlyModeStore.setState({ allServicesIn: all ? currentSession() : null });
}

/** The short menu is on the home screen: 长辈模式, someone identified, and not all services asked for. */
export function useElderlyMenuShown(): boolean {
  const allServicesIn = useElderlyModeStore((s) => s.allServicesIn);
  return useKioskStore((s) => s.elderly && s.kiosk?.citizen != null && allServicesIn !== s.sessionEpoch);
}

/** For tests: the kiosk store's reset starts its epochs at 0 again, so this store starts over too. */
export function resetElderlyMode(): void {
  useElderlyModeStore.setState({ answeredIn: null, allServicesIn: null });
}
