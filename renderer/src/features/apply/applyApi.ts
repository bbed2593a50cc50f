/** The apply journey's /api calls, validated with the contract through the shared client. */
import {
  applyDraftResponseSchema,
  applyOfferResponseSchema,
  applyReceiptResponseSchema,
  type ApplySelection,
  type ApplySubmitRequest,
} from '../../../../electron/backend/apply/contract';
import { api } from '../../api/client';

export const applyApi = {
  offer: () => api.request('GET', '/api/apply/offer', applyOfferResponseSchema),
  draft: (selection: ApplySelection) =>
    api.request('POST', '/api/apply/draft', applyDraftResponseSchema, { selection }),
  submit: (req: ApplySubmitRequest) =>
    api.request('POST', '/api/apply/submit', applyReceiptResponseSchema, req),
  receipt: (localRef: string) =>
    api.request('GET', `/api/apply/receipts/${encodeURIComponent(localRef)}`, applyReceiptResponseSchema),
};
