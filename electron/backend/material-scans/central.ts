import {
  MATERIAL_SCAN_PATHS,
  uploadResponseSchema,
  type CreateUploadRequest,
} from '../../../central/material-scans/contract';
import { CentralSliceClient } from '../central-connection/connection';

const pathOf = (template: string, uploadId: string) =>
  template.replace(':uploadId', encodeURIComponent(uploadId));

/**
 * The central's page uploads. No idempotency key: creating an upload is idempotent by the page
 * (document and index) and a chunk by its offset, so a resend after a break is safe as it is, and
 * these requests never wait in the connection's batch behind the citizen's actions.
 */
export class CentralMaterialScanClient extends CentralSliceClient {
  /** Creates the page's upload, or finds it: either way says how many bytes the central holds. */
  createUpload(request: CreateUploadRequest) {
    return this.request('POST', MATERIAL_SCAN_PATHS.uploads, uploadResponseSchema, request);
  }

  status(uploadId: string) {
    return this.request('GET', pathOf(MATERIAL_SCAN_PATHS.upload, uploadId), uploadResponseSchema);
  }

  putChunk(uploadId: string, offset: number, chunk: Buffer) {
    return this.request('PUT', pathOf(MATERIAL_SCAN_PATHS.chunks, uploadId), uploadResponseSchema, {
      offset,
      data: chunk.toString('base64'),
    });
  }

  complete(uploadId: string) {
    return this.request('POST', pathOf(MATERIAL_SCAN_PATHS.complete, uploadId), uploadResponseSchema, {});
  }
}
