/**
 * Scanned material pages (高拍仪): a kiosk uploads each page in chunks that resume after a break;
 * the window lists and opens a case's pages. zod only: the kiosk imports this file.
 *
 * The protocol, in the spirit of resumable uploads (tus): create the upload with its total size and
 * SHA-256 (creating it again answers the same upload and how much of it the central holds), send
 * chunks at the offset the central holds, then complete, which checks the hash. Chunks travel as
 * base64 in JSON because every kiosk request goes through one JSON connection (its token renewal,
 * its retry classification); a chunk is small, so the third more on the wire is cheap.
 */
import { z } from 'zod';

const terminalIdSchema = z.string().regex(/^[A-Za-z0-9_\-.]{1,64}$/);
export const scanDocumentRefSchema = z
  .string()
  .regex(/^scan-[0-9a-f]{32}$/)
  .describe('Names one scanned material (all its pages) of one kiosk session; the case material carries it');
export const uploadIdSchema = z.string().regex(/^up-[0-9a-f]{32}$/);

/** The largest chunk the central takes (decoded bytes); a kiosk's configured chunk is at most this. */
export const MAX_CHUNK_BYTES = 512 * 1024;
/** The largest page the central takes. */
export const MAX_PAGE_BYTES = 8 * 1024 * 1024;
/** The body limit of the chunk route: the base64 of the largest chunk and a little JSON. */
export const CHUNK_BODY_LIMIT_BYTES = Math.ceil(MAX_CHUNK_BYTES / 3) * 4 + 4096;
export const MAX_PAGES_PER_DOCUMENT = 50;

/**
 * Level C: captured by a kiosk's camera, not certified. Where the rules ask for an original, the
 * window checks it when the citizen comes (the page is a copy until then).
 */
export const SCAN_LEVEL = 'C';

export const createUploadRequestSchema = z.strictObject({
  hallId: z.string().min(1).max(64),
  terminalId: terminalIdSchema,
  documentRef: scanDocumentRefSchema,
  materialCode: z.string().regex(/^[A-Z0-9]{1,16}$/),
  /** 1-based position of the page in its material. */
  pageIndex: z.number().int().min(1).max(MAX_PAGES_PER_DOCUMENT),
  pageCount: z.number().int().min(1).max(MAX_PAGES_PER_DOCUMENT),
  totalBytes: z.number().int().min(1).max(MAX_PAGE_BYTES),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  mediaType: z.literal('image/jpeg'),
  width: z.number().int().min(1).max(20_000),
  height: z.number().int().min(1).max(20_000),
  level: z.literal(SCAN_LEVEL),
  /** The kiosk's clock when the citizen kept the page. */
  capturedAt: z.iso.datetime(),
});

export const uploadStatusSchema = z.object({
  uploadId: uploadIdSchema,
  /** Bytes the central holds, from the start: the next chunk goes at this offset. */
  receivedBytes: z.number().int().min(0),
  totalBytes: z.number().int().min(1),
  state: z.enum(['receiving', 'complete']),
});
export const uploadResponseSchema = z.object({ upload: uploadStatusSchema });

export const uploadParamsSchema = z.object({ uploadId: uploadIdSchema });
export const putChunkRequestSchema = z.strictObject({
  offset: z.number().int().min(0),
  /** base64 of at most MAX_CHUNK_BYTES bytes. */
  data: z.string().min(1).max(CHUNK_BODY_LIMIT_BYTES),
});

/** A page as the window sees it in a case (no image: that is the page route). */
export const casePageSchema = z.object({
  uploadId: uploadIdSchema,
  materialCode: z.string(),
  documentRef: scanDocumentRefSchema,
  pageIndex: z.number().int(),
  pageCount: z.number().int(),
  bytes: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  level: z.literal(SCAN_LEVEL),
  /** The catalogue asks for the original of this material: the window checks it (level C is a copy). */
  checkOriginal: z.boolean(),
  /** False while the page is still arriving: the case may come before its pages. */
  complete: z.boolean(),
  capturedAt: z.string(),
});
export const casePagesResponseSchema = z.object({
  caseId: z.string(),
  pages: z.array(casePageSchema),
  /** Scanned materials of the case with pages still missing (not yet created, or not complete). */
  incomplete: z.array(z.object({ materialCode: z.string(), documentRef: scanDocumentRefSchema })),
});
export const casePagesParamsSchema = z.object({ caseId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) });
export const casePageParamsSchema = casePagesParamsSchema.extend({ uploadId: uploadIdSchema });

export const materialScanErrorCodes = [
  'unknown-upload',
  'upload-conflict',
  'upload-offset-mismatch',
  'chunk-too-large',
  'upload-overflow',
  'upload-incomplete',
  'upload-hash-mismatch',
] as const;

export type CreateUploadRequest = z.infer<typeof createUploadRequestSchema>;
export type UploadStatus = z.infer<typeof uploadStatusSchema>;
export type CasePage = z.infer<typeof casePageSchema>;

export const MATERIAL_SCAN_PATHS = {
  uploads: '/v1/kiosks/material-scans/uploads',
  upload: '/v1/kiosks/material-scans/uploads/:uploadId',
  chunks: '/v1/kiosks/material-scans/uploads/:uploadId/chunks',
  complete: '/v1/kiosks/material-scans/uploads/:uploadId/complete',
  casePages: '/v1/staff/cases/:caseId/material-scans',
  casePage: '/v1/staff/cases/:caseId/material-scans/:uploadId',
} as const;
