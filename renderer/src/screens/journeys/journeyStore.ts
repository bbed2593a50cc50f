/**
 * Where the citizen is inside a citizen journey (identify by number, appointments, pay, rate).
 * Wiped with the session: the kiosk store's `sessionEpoch` changes on every wipe.
 */
import { create } from 'zustand';
import type {
  BookedAppointment,
  IndicatorsResponse,
  IssuedTicket,
  OrderView,
  PaymentView,
  RatingResult,
  SlotView,
} from '../../../../electron/backend/api/contract';
import type { ApiError, ApiResult } from '../../api/client';
import { useKioskStore } from '../../state/kioskStore';

export type JourneyView =
  | { name: 'identify' }
  | { name: 'appointments' }
  | { name: 'book'; category: string | null; date: string | null; dates: string[]; slots: SlotView[] | null }
  | { name: 'booked'; appointment: BookedAppointment }
  | { name: 'check-in'; today: { code: string; category: string; startTime: string }[] | null }
  | { name: 'checked-in'; ticket: IssuedTicket; error: ApiError | null }
  | { name: 'orders'; orders: OrderView[] | null }
  | { name: 'pay'; payment: PaymentView }
  | {
      name: 'rate';
      subject: RateSubject | null;
      cases: { caseId: string; caseNumber: string; itemName: { zh: string; en: string } }[] | null;
      indicators: IndicatorsResponse | null;
    }
  | { name: 'rated'; result: RatingResult };

export type RateSubject =
  { kind: 'case'; caseId: string; label: string } | { kind: 'visit'; ticketId: string; label: string };

export interface JourneyStoreState {
  view: JourneyView;
  busy: boolean;
  error: ApiError | null;
  voice: boolean;
  epoch: number;
}

export const useJourneyStore = create<JourneyStoreState>()(() => ({
  view: { name: 'appointments' },
  busy: false,
  error: null,
  voice: false,
  epoch: 0,
}));

/** Opens a journey screen (the kiosk store shows the 'journey' screen). */
export function openJourney(view: JourneyView): void {
  useJourneyStore.setState({ view, error: null, busy: false, epoch: useKioskStore.getState().sessionEpoch });
  useKioskStore.setState({ screen: 'journey', error: null });
}

export function setJourneyView(view: JourneyView): void {
  useJourneyStore.setState({ view, error: null, busy: false });
}

/** Runs a request for the current session; a late answer from an earlier session is dropped. */
export async function run<T>(request: () => Promise<ApiResult<T>>, onOk: (value: T) => void): Promise<void> {
  const epoch = useKioskStore.getState().sessionEpoch;
  useJourneyStore.setState({ busy: true, error: null });
  const r = await request();
  if (useKioskStore.getState().sessionEpoch !== epoch) return;
  useJourneyStore.setState({ busy: false });
  if (r.ok) onOk(r.value);
  else useJourneyStore.setState({ error: r.error });
}

// Every wipe of the kiosk store (card out, finish, idle) wipes the journey too.
useKioskStore.subscribe((s, prev) => {
  if (s.sessionEpoch !== prev.sessionEpoch) {
    useJourneyStore.setState({
      view: { name: 'appointments' },
      busy: false,
      error: null,
      voice: false,
      epoch: s.sessionEpoch,
    });
  }
});
