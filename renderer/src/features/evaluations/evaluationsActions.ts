/** What the rating screens ask the backend, and what the answers do to the store. */
import type { SubmitRatingRequest } from '../../../../electron/backend/evaluations/contract';
import { evaluationsApi } from './evaluationsApi';
import { openEvaluationsScreen, run, showEvaluationsView } from './evaluationsStore';

/** Opens rating from the home screen: the indicators to offer and the citizen's completed cases. */
export function openRating(): void {
  openEvaluationsScreen();
  void run(
    async () => {
      const [i, s] = await Promise.all([evaluationsApi.indicators(), evaluationsApi.subjects()]);
      if (!i.ok) return i;
      if (!s.ok) return s;
      return { ok: true as const, value: { indicators: i.value, cases: s.value.cases } };
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
