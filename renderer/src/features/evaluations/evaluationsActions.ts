/** What the rating screens ask the backend, and what the answers do to the store. */
import type { SubmitRatingRequest } from '../../../../electron/backend/evaluations/contract';
import { evaluationsApi } from './evaluationsApi';
import { openEvaluationsScreen, run, showEvaluationsView } from './evaluationsStore';

/** Opens rating from the home screen: the indicators of each kind of subject and the citizen's completed cases. */
export function openRating(): void {
  openEvaluationsScreen();
  void run(
    async () => {
      // Each subject is rated on the indicators of its own service: a visit at a window, a case here.
      const [visit, kase, s] = await Promise.all([
        evaluationsApi.indicators('visit'),
        evaluationsApi.indicators('case'),
        evaluationsApi.subjects(),
      ]);
      if (!visit.ok) return visit;
      if (!kase.ok) return kase;
      if (!s.ok) return s;
      return {
        ok: true as const,
        value: { indicators: { visit: visit.value, case: kase.value }, cases: s.value.cases },
      };
    },
    (v) => showEvaluationsView({ name: 'rate', subject: null, cases: v.cases, indicators: v.indicators }),
  );
}

export function submitRating(rating: SubmitRatingRequest): void {
  void run(
    () => evaluationsApi.rate(rating),
    (v) => showEvaluationsView({ name: 'rated', result: v.result }),
  );
}
