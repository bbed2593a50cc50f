import {
  evaluationEndpoints,
  type SubmitRatingRequest,
} from '../../../../electron/backend/evaluations/contract';
import { endpointClient } from '../../api/endpoint-client';

/** Evaluations' calls, built from the backend's endpoint table. */
const client = endpointClient(evaluationEndpoints);

export const evaluationsApi = {
  indicators: (subject: 'visit' | 'case') => client.indicators({ query: { subject } }),
  subjects: () => client.subjects(),
  rate: (rating: SubmitRatingRequest) => client.rate({ body: rating }),
};
