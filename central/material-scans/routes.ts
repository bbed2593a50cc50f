import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Sealer } from '../cases/sealing';
import type { CentralContext } from '../context';
import { assertHall, HALL_CONFINED } from '../halls/reach';
import { ApiError } from '../http/errors';
import { runPeriodically } from '../http/idempotency';
import { deviceSecurity, errorResponses as errors } from '../http/route-schemas';
import { assertActsFor } from '../kiosks/auth';
import { staffSecurity } from '../staff/auth';
import {
  CHUNK_BODY_LIMIT_BYTES,
  casePageParamsSchema,
  casePagesParamsSchema,
  casePagesResponseSchema,
  createUploadRequestSchema,
  MATERIAL_SCAN_PATHS,
  MAX_CHUNK_BYTES,
  putChunkRequestSchema,
  scanDocumentRefSchema,
  uploadParamsSchema,
  uploadResponseSchema,
  type CasePage,
} from './contract';
import { MaterialScanStore, statusOf, type Upload } from './store';

const tags = ['material-scans'];
/**
 * A partial upload untouched this long was left by a kiosk that lost its page (a replaced disk) or
 * gave up; a kiosk still holding the page creates it again. Long enough for a kiosk offline over a
 * holiday to come back and go on where it stopped.
 */
export const IDLE_UPLOAD_MS = 14 * 24 * 60 * 60 * 1000;
const IDLE_SWEEP_MS = 60 * 60 * 1000;
/** The window checks a case's pages; managers may look too. Approvers work from the window's intake. */
const READING_ROLES = ['window', 'manager'] as const;

/** A chunk at the wrong offset: the body says where the central stands, so the kiosk resumes there. */
export const offsetMismatchResponseSchema = z.object({
  error: z.object({
    code: z.literal('upload-offset-mismatch'),
    message: z.string(),
    receivedBytes: z.number().int(),
  }),
});

export interface MaterialScanRoutesOptions {
  ctx: CentralContext;
  /** Seals the pages' chunks (the case data key). */
  sealer: Sealer;
}

/**
 * Scanned material pages: kiosks upload each page in resumable chunks (device token, their own
 * terminal and hall only); the window lists a case's pages and opens one (staff token, the case's
 * hall). A case names its pages by documentRef, and pages are matched to it when read, so either
 * may arrive first.
 */
export const materialScanRoutes: FastifyPluginAsyncZod<MaterialScanRoutesOptions> = async (app, options) => {
  const { ctx, sealer } = options;
  const uploads = new MaterialScanStore(ctx.db, sealer);
  const staffOnly = ctx.deviceAuth.staffGuard(...READING_ROLES);
  const stopSweep = runPeriodically(
    ctx.clock,
    IDLE_SWEEP_MS,
    () => void uploads.dropIdle(ctx.clock.now() - IDLE_UPLOAD_MS),
    (err) => app.log.error({ err }, 'idle page upload sweep failed'),
  );
  app.addHook('onClose', async () => stopSweep());

  /** The upload a kiosk acts on: 404 if unknown, 403 if another terminal's or hall's. */
  const ownUpload = (request: FastifyRequest, uploadId: string): Upload => {
    const upload = uploads.get(uploadId);
    if (!upload) throw new ApiError(404, 'unknown-upload', 'No such upload');
    assertActsFor(request, upload.terminalId);
    assertHall(request, upload.hallId);
    return upload;
  };

  app.post(
    MATERIAL_SCAN_PATHS.uploads,
    {
      onRequest: ctx.deviceAuth.requireDevice,
      schema: {
        summary: 'Create (or find) the upload of one scanned page; answers the bytes the central holds',
        description:
          'Idempotent by page: the same terminal sending the same documentRef and pageIndex again gets the same ' +
          'upload and its receivedBytes, which is where the next chunk goes (resume after a break). The same page ' +
          `with another size or hash is 409 upload-conflict. Pages are level C (kiosk-captured). ${HALL_CONFINED}`,
        tags,
        security: deviceSecurity,
        body: createUploadRequestSchema,
        response: { 200: uploadResponseSchema, 201: uploadResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const body = request.body;
      assertActsFor(request, body.terminalId);
      assertHall(request, body.hallId);
      if (!ctx.queue.hall(body.hallId)) throw new ApiError(422, 'unknown-hall', `No hall ${body.hallId}`);
      if (body.pageIndex > body.pageCount) {
        throw new ApiError(400, 'bad-request', 'pageIndex must not exceed pageCount');
      }
      const opened = uploads.open(body, ctx.clock.now());
      if (opened === 'conflict') {
        throw new ApiError(409, 'upload-conflict', 'This page was created with another size or hash');
      }
      return reply.code(opened.created ? 201 : 200).send({ upload: statusOf(opened.upload) });
    },
  );

  app.get(
    MATERIAL_SCAN_PATHS.upload,
    {
      onRequest: ctx.deviceAuth.requireDevice,
      schema: {
        summary: 'The bytes the central holds of an upload (where the next chunk goes)',
        description: HALL_CONFINED,
        tags,
        security: deviceSecurity,
        params: uploadParamsSchema,
        response: { 200: uploadResponseSchema, ...errors },
      },
    },
    async (request) => ({ upload: statusOf(ownUpload(request, request.params.uploadId)) }),
  );

  app.put(
    MATERIAL_SCAN_PATHS.chunks,
    {
      onRequest: ctx.deviceAuth.requireDevice,
      bodyLimit: CHUNK_BODY_LIMIT_BYTES,
      schema: {
        summary: 'Append one chunk (base64) at the offset the central holds',
        description:
          `At most ${MAX_CHUNK_BYTES} bytes per chunk (413 chunk-too-large). An offset other than receivedBytes is ` +
          '409 upload-offset-mismatch carrying receivedBytes, so a resend after a lost answer resumes where the ' +
          'central stands; past the declared size is 422 upload-overflow. Nothing held is changed by a refusal. ' +
          HALL_CONFINED,
        tags,
        security: deviceSecurity,
        params: uploadParamsSchema,
        body: putChunkRequestSchema,
        response: {
          200: uploadResponseSchema,
          ...errors,
          409: z.union([offsetMismatchResponseSchema, errors[409]]),
          413: errors[400],
        },
      },
    },
    async (request, reply) => {
      const upload = ownUpload(request, request.params.uploadId);
      const { offset, data } = request.body;
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data)) throw new ApiError(400, 'bad-request', 'data: not base64');
      const chunk = Buffer.from(data, 'base64');
      if (chunk.length === 0) throw new ApiError(400, 'bad-request', 'data: an empty chunk');
      if (chunk.length > MAX_CHUNK_BYTES) {
        throw new ApiError(413, 'chunk-too-large', `A chunk is at most ${MAX_CHUNK_BYTES} bytes`);
      }
      const outcome = uploads.append(upload.uploadId, offset, chunk, ctx.clock.now());
      if (outcome.ok) return { upload: statusOf(outcome.upload) };
      switch (outcome.refusal) {
        case 'offset-mismatch':
          return reply.code(409).send({
            error: {
              code: 'upload-offset-mismatch' as const,
              message: `The central holds ${outcome.receivedBytes} bytes of this upload: send from there`,
              receivedBytes: outcome.receivedBytes,
            },
          });
        case 'overflow':
          throw new ApiError(
            422,
            'upload-overflow',
            'The chunk goes past the size the upload was created with',
          );
        case 'complete':
          throw new ApiError(409, 'upload-conflict', 'This upload is complete already');
      }
    },
  );

  app.post(
    MATERIAL_SCAN_PATHS.complete,
    {
      onRequest: ctx.deviceAuth.requireDevice,
      schema: {
        summary: 'Complete an upload: the SHA-256 of what was received must match the declared one',
        description:
          'A mismatch is 422 upload-hash-mismatch and discards the received bytes (receivedBytes goes back to 0), ' +
          'so the kiosk sends its copy again; before all bytes arrived it is 409 upload-incomplete. Completing a ' +
          `complete upload answers it again. ${HALL_CONFINED}`,
        tags,
        security: deviceSecurity,
        params: uploadParamsSchema,
        body: z.strictObject({}),
        response: { 200: uploadResponseSchema, ...errors },
      },
    },
    async (request) => {
      const upload = ownUpload(request, request.params.uploadId);
      const outcome = uploads.complete(upload.uploadId, ctx.clock.now());
      if (outcome.ok) return { upload: statusOf(outcome.upload) };
      if (outcome.refusal === 'incomplete') {
        throw new ApiError(
          409,
          'upload-incomplete',
          `${outcome.upload.receivedBytes} of ${outcome.upload.totalBytes} bytes received`,
        );
      }
      throw new ApiError(
        422,
        'upload-hash-mismatch',
        'The received page does not match its SHA-256; send it again',
      );
    },
  );

  /** The case a staff member reads, with the materials it names by documentRef. */
  const caseInReach = (request: FastifyRequest, caseId: string) => {
    const facts = ctx.cases.find(caseId);
    const view = ctx.cases.view(caseId, true);
    if (!facts || !view) throw new ApiError(404, 'unknown-case', 'No such case');
    assertHall(request, facts.hallId);
    return { facts, view };
  };

  app.get(
    MATERIAL_SCAN_PATHS.casePages,
    {
      onRequest: staffOnly,
      schema: {
        summary: 'The scanned pages of a case’s materials (level C: the window checks originals where asked)',
        description:
          'Pages are those the case’s own terminal uploaded for the documentRef its material names; a page still ' +
          'arriving is listed with complete false, and a material none of whose pages arrived is in incomplete. ' +
          HALL_CONFINED,
        tags,
        security: staffSecurity,
        params: casePagesParamsSchema,
        response: { 200: casePagesResponseSchema, ...errors },
      },
    },
    async (request) => {
      const { facts, view } = caseInReach(request, request.params.caseId);
      const item = ctx.catalogue.item(facts.itemCode, facts.regionCode);
      const forms = new Map(item?.materials.map((m) => [m.code, m.form]) ?? []);
      const pages: CasePage[] = [];
      const incomplete: { materialCode: string; documentRef: string }[] = [];
      for (const m of view.materials) {
        if (m.via !== 'upload' || !m.documentRef) continue;
        const found = uploads.ofDocument(m.documentRef, view.terminalId, view.hallId);
        const form = forms.get(m.code);
        const checkOriginal = form === 'original' || form === 'original-and-copy';
        for (const u of found) {
          pages.push({
            uploadId: u.uploadId,
            materialCode: m.code,
            documentRef: u.documentRef,
            pageIndex: u.pageIndex,
            pageCount: u.pageCount,
            bytes: u.totalBytes,
            width: u.width,
            height: u.height,
            level: u.level,
            checkOriginal,
            complete: u.state === 'complete',
            capturedAt: u.capturedAt,
          });
        }
        const expected = found[0]?.pageCount;
        if (expected === undefined || found.length < expected || found.some((u) => u.state !== 'complete')) {
          incomplete.push({ materialCode: m.code, documentRef: scanDocumentRefSchema.parse(m.documentRef) });
        }
      }
      return { caseId: request.params.caseId, pages, incomplete };
    },
  );

  app.get(
    MATERIAL_SCAN_PATHS.casePage,
    {
      onRequest: staffOnly,
      schema: {
        summary: 'One scanned page of a case, as image/jpeg',
        description: `Only a complete page of a material the case names. ${HALL_CONFINED}`,
        tags,
        security: staffSecurity,
        params: casePageParamsSchema,
        produces: ['image/jpeg'],
        response: { 200: z.string().describe('image/jpeg'), ...errors },
      },
    },
    async (request, reply) => {
      const { view } = caseInReach(request, request.params.caseId);
      const upload = uploads.get(request.params.uploadId);
      const named = view.materials.some((m) => m.via === 'upload' && m.documentRef === upload?.documentRef);
      if (
        !upload ||
        !named ||
        upload.terminalId !== view.terminalId ||
        upload.hallId !== view.hallId ||
        upload.state !== 'complete'
      ) {
        throw new ApiError(404, 'unknown-upload', 'No such complete page in this case');
      }
      // Fastify sends a Buffer as it is, past the serializer; the route's typing knows only the schema's string.
      const jpeg = uploads.bytes(upload.uploadId) as unknown as string;
      return reply.header('content-type', 'image/jpeg').header('cache-control', 'no-store').send(jpeg);
    },
  );
};
