/** What the citizen is rating and how the rating went. Wiped with the session. */
import { create } from 'zustand';
import type { IndicatorsResponse, RatingResult } from '../../../../electron/backend/evaluations/contract';
import { useKioskStore } from '../../state/kioskStore';
import { requestRunner, type RequestStatus } from '../../state/run-request';
import { onNewSession } from '../../state/session-epoch';

export type RateSubject =
  { kind: 'case'; caseId: string; label: string } | { kind: 'visit'; ticketId: string; label: string };

export type EvaluationsView =
  | {
      name: 'rate';
      subject: RateSubject | null;
      cases: { caseId: string; caseNumber: string; itemName: { zh: string; en: string } }[] | null;
      /** The indicators fitting each kind of subject (window visit, case applied for here). */
      indicators: { visit: IndicatorsResponse; case: IndicatorsResponse } | null;
    }
  | { name: 'rated'; result: RatingResult };

export interface EvaluationsState extends RequestStatus {
  view: EvaluationsView;
}

const initial: EvaluationsState = {
  view: { name: 'rate', subject: null, cases: null, indicators: null },
  busy: false,
  error: null,
};

export const useEvaluationsStore = create<EvaluationsState>()(() => ({ ...initial }));

export function showEvaluationsView(view: EvaluationsView): void {
  useEvaluationsStore.setState({ view, error: null, busy: false });
}

/** Shows the rating screen with nothing chosen yet; the screen's store is fresh. */
export function openEvaluationsScreen(): void {
  useEvaluationsStore.setState({ ...initial });
  useKioskStore.setState({ screen: 'evaluations', error: null });
}

export const run = requestRunner((status) => useEvaluationsStore.setState(status));

onNewSession(() => useEvaluationsStore.setState({ ...initial }));
