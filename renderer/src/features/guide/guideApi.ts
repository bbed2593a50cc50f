/** The service guide's /api calls, validated with the contract through the shared client. */
import {
  guideBundleResponseSchema,
  guideDepartmentResponseSchema,
  guideItemResponseSchema,
  guideOverviewResponseSchema,
  guideSearchResponseSchema,
} from '../../../../electron/backend/api/contract';
import { api } from '../../api/client';

export const guideApi = {
  overview: () => api.request('GET', '/api/guide/overview', guideOverviewResponseSchema),
  search: (q: string) =>
    api.request(
      'GET',
      `/api/guide/search?${new URLSearchParams({ q }).toString()}`,
      guideSearchResponseSchema,
    ),
  department: (id: string) =>
    api.request('GET', `/api/guide/departments/${encodeURIComponent(id)}`, guideDepartmentResponseSchema),
  bundle: (code: string) =>
    api.request('GET', `/api/guide/bundles/${encodeURIComponent(code)}`, guideBundleResponseSchema),
  item: (code: string) =>
    api.request('GET', `/api/guide/items/${encodeURIComponent(code)}`, guideItemResponseSchema),
};
