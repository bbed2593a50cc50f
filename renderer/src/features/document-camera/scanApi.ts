import { materialScanEndpoints, pageImagePath } from '../../../../electron/backend/material-scans/contract';
import { endpointClient } from '../../api/endpoint-client';

/** The scanned-material calls, built from the backend's endpoint table. */
const client = endpointClient(materialScanEndpoints);

export const scanApi = {
  addPage: (materialCode: string, image: string) => client.addPage({ body: { materialCode, image } }),
  listPages: (materialCode?: string) => client.listPages({ query: materialCode ? { materialCode } : {} }),
  removePage: (pageId: string) => client.removePage({ params: { pageId } }),
  /** The processed page for an <img>: same origin, this session's pages only. */
  pageImageUrl: pageImagePath,
};
