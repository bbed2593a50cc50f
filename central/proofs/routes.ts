import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hallDate } from '../../domain/hall-time';
import { maskName } from '../../domain/masking';
import type { ServiceItem } from '../catalogue/contract';
import type { Sealer } from '../cases/sealing';
import { errorResponseSchema, REPLAYED_HEADER } from '../contract';
import type { CentralContext } from '../context';
import { assertHall, HALL_CONFINED } from '../halls/reach';
import { ApiError } from '../http/errors';
import { idempotencyHeaders, runIdempotent } from '../http/idempotent';
import { runPeriodically } from '../http/idempotency';
import { deviceSecurity, errorResponses as errors } from '../http/route-schemas';
import { assertActsFor } from '../kiosks/auth';
import {
  issueProofRequestSchema,
  issueProofResponseSchema,
  listPrintableItemsQuerySchema,
  listPrintableItemsResponseSchema,
  PROOF_PATHS,
  verifyProofParamsSchema,
  verifyProofResponseSchema,
  type IssueProofRequest,
  type IssueProofResponse,
  type PrintableItem,
  type VerifyProofResponse,
} from './contract';
import { PRINTABLE_ITEM_CODES, proofContent } from './content';
import { NOT_FOUND_PAGE, renderGenuinePage, VERIFY_PAGE_HEADERS } from './page';
import {
  DEFAULT_PROOF_FONT_PATH,
  loadProofFont,
  ProofRenderError,
  renderProofPdf,
  PROOF_FONT_ENV,
} from './pdf';
import {
  newProofId,
  normaliseVerificationCode,
  PROOF_HOLDER_RETENTION_MS,
  ProofStore,
  type ProofRecord,
} from './store';

const tags = ['proofs'];
const ISSUE_SCOPE = `POST ${PROOF_PATHS.proofs}`;
/** How often sealed holders past their retention are dropped. */
const HOLDER_PURGE_INTERVAL_MS = 60 * 60 * 1000;
/**
 * The public page answers a person checking one paper, a few times at most; more from one address
 * is someone walking the code space. Far below the device limit (1200 a minute), yet a hall's
 * shared Wi-Fi (one address for many phones) is not refused.
 */
export const DEFAULT_VERIFY_RATE_LIMIT = { max: 30, timeWindowMs: 60_000 };
/** Until the font is back, a retry is pointless; the kiosk says so and offers the window. */
const RENDER_RETRY_AFTER_S = 60;

export interface ProofRoutesOptions {
  ctx: CentralContext;
  /** Seals the holder's record at rest, bound to the certificate's id. */
  sealer: Sealer;
  /** The address people reach the central at (its public base URL), for the QR code. */
  publicBaseUrl?: string;
  /** The CJK font file; by default CENTRAL_PROOF_FONT or Debian's WenQuanYi Zen Hei. */
  fontPath?: string;
  /** Requests per address and window on the verification page; false when the central has no limiter. */
  verifyRateLimit?: { max: number; timeWindowMs: number } | false;
}

/** An item the catalogue marks 即办可打印 that this central can also write: both must hold. */
function printable(item: ServiceItem | undefined): item is ServiceItem {
  return (
    item !== undefined &&
    item.printableAtOnce === true &&
    !item.suspended &&
    PRINTABLE_ITEM_CODES.includes(item.itemCode)
  );
}

/** The central's own address when none is configured: right for a central on the hall's network. */
function baseUrlOf(request: FastifyRequest, configured: string | undefined): string {
  return (configured ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');
}

/**
 * 即办可打印 证明: an enrolled kiosk lists the certificates its hall prints at once and asks for one
 * for the card holder (idempotent; the A4 PDF comes back with a verification code and a QR code to
 * the public verification page, which anyone may open).
 */
export const proofRoutes: FastifyPluginAsyncZod<ProofRoutesOptions> = async (app, options) => {
  const { ctx } = options;
  const proofs = new ProofStore(ctx.db, options.sealer);
  const fontPath = options.fontPath ?? process.env[PROOF_FONT_ENV] ?? DEFAULT_PROOF_FONT_PATH;
  const stopPurge = runPeriodically(
    ctx.clock,
    HOLDER_PURGE_INTERVAL_MS,
    () => proofs.forgetHolders(ctx.clock.now() - PROOF_HOLDER_RETENTION_MS),
    (err) => app.log.error({ err }, 'proof holder purge failed'),
  );
  app.addHook('onClose', async () => stopPurge());

  const verifyLimit = options.verifyRateLimit ?? DEFAULT_VERIFY_RATE_LIMIT;
  // Its own counter beside the device limit: the root hook has already counted this request under
  // the address, and the plugin's per-route hook would not count it a second time.
  const verifyLimiter =
    verifyLimit === false || typeof app.createRateLimit !== 'function'
      ? undefined
      : app.createRateLimit({
          max: verifyLimit.max,
          timeWindow: verifyLimit.timeWindowMs,
          keyGenerator: (request) => `proof-verify:${request.ip}`,
        });
  const verifyGuard = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const limit = await verifyLimiter?.(request);
    if (limit && !limit.isAllowed && limit.isExceeded) {
      reply.header('retry-after', String(limit.ttlInSeconds));
      throw new ApiError(
        429,
        'rate-limited',
        `Too many verifications from this address; retry in ${limit.ttlInSeconds} s`,
      );
    }
  };

  const itemFor = (hallId: string, itemCode: string): ServiceItem => {
    const regionCode = ctx.catalogue.hallRegion(hallId);
    if (!regionCode) throw new ApiError(422, 'unknown-hall', `No hall ${hallId}`);
    const item = ctx.catalogue.item(itemCode, regionCode);
    if (!item) throw new ApiError(422, 'unknown-item', `No item ${itemCode} in this hall's region`);
    if (!printable(item)) {
      throw new ApiError(
        422,
        'item-not-printable',
        `Item ${itemCode} is not printed at once; apply for it as a case`,
      );
    }
    return item;
  };

  /** Draws the certificate of a stored record; a failure is logged with ids only and answered plainly. */
  const draw = async (request: FastifyRequest, record: ProofRecord): Promise<IssueProofResponse> => {
    const sealed = proofs.holderOf(record.proofId);
    if (!sealed) {
      throw new ApiError(
        409,
        'proof-expired',
        'This certificate can no longer be drawn again; ask for a new one',
      );
    }
    const content = proofContent(record.itemCode, sealed.holder, record.issuedAt);
    const hallName = ctx.queue.hall(record.hallId)?.name.zh ?? record.hallId;
    const issuedOn = hallDate(record.issuedAt);
    const verifyUrl = `${baseUrlOf(request, options.publicBaseUrl)}${PROOF_PATHS.verify}/${sealed.verificationCode}`;
    try {
      if (!content) throw new ProofRenderError('render-failed', `No certificate text for ${record.itemCode}`);
      const font = await loadProofFont(fontPath);
      const rendered = await renderProofPdf(
        {
          content,
          verificationCode: sealed.verificationCode,
          verifyUrl,
          departmentName: record.departmentName,
          hallName,
          terminalId: record.terminalId,
          issuedAt: record.issuedAt,
          issuedOn,
          proofId: record.proofId,
        },
        font,
      );
      return {
        proof: {
          proofId: record.proofId,
          verificationCode: sealed.verificationCode,
          itemCode: record.itemCode,
          itemName: record.itemName,
          hallId: record.hallId,
          hallName,
          issuedAt: new Date(record.issuedAt).toISOString(),
          holderMaskedName: record.holderMaskedName,
          verifyUrl,
          pages: rendered.pages,
        },
        pdf: Buffer.from(rendered.pdf).toString('base64'),
        pdfBytes: rendered.pdf.byteLength,
      };
    } catch (err) {
      const reason = err instanceof ProofRenderError ? err.reason : 'render-failed';
      // Ids and the reason only: the message of a foreign error could quote the text being drawn.
      request.log.error(
        { event: 'proof.render-failed', reason, proofId: record.proofId, itemCode: record.itemCode },
        err instanceof ProofRenderError ? err.message : 'certificate rendering failed',
      );
      throw new ApiError(
        503,
        'proof-render-failed',
        'The certificate cannot be made just now; nothing was printed. Retry later with the same Idempotency-Key, or ask at a window.',
      );
    }
  };

  app.get(
    PROOF_PATHS.items,
    {
      onRequest: ctx.deviceAuth.requireDevice,
      schema: {
        summary: 'Certificates the hall prints at once (即办可打印)',
        description: `Items of the hall's region the catalogue marks printableAtOnce, not suspended. ${HALL_CONFINED}`,
        tags,
        security: deviceSecurity,
        querystring: listPrintableItemsQuerySchema,
        response: { 200: listPrintableItemsResponseSchema, ...errors },
      },
    },
    async (request) => {
      const { hallId } = request.query;
      assertHall(request, hallId);
      const regionCode = ctx.catalogue.hallRegion(hallId);
      if (!regionCode) throw new ApiError(422, 'unknown-hall', `No hall ${hallId}`);
      const items: PrintableItem[] = ctx.catalogue
        .items(regionCode)
        .filter(printable)
        .map((i) => ({
          itemCode: i.itemCode,
          name: i.name,
          departmentId: i.departmentId,
          departmentName: i.departmentName,
        }));
      return { items };
    },
  );

  app.post(
    PROOF_PATHS.proofs,
    {
      onRequest: ctx.deviceAuth.requireDevice,
      schema: {
        summary:
          'Issue a certificate for the card holder: the A4 PDF with its verification code (idempotent)',
        description:
          'The holder (name and ID number as read from the card) is sealed at the central and never logged; the ' +
          'PDF shows both masked. A retry with the same Idempotency-Key and body answers the same certificate and ' +
          'code, drawn again. 422 unknown-item / item-not-printable for an item not printed at once; 503 ' +
          `proof-render-failed when the certificate cannot be drawn (nothing to print; retry later). ${HALL_CONFINED}`,
        tags,
        security: deviceSecurity,
        headers: idempotencyHeaders,
        body: issueProofRequestSchema,
        response: { 201: issueProofResponseSchema, ...errors, 503: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const body: IssueProofRequest = request.body;
      assertActsFor(request, body.terminalId);
      assertHall(request, body.hallId);
      const item = itemFor(body.hallId, body.itemCode);
      // The stored answer names the certificate only: its code and holder stay in the sealed row.
      const result = runIdempotent(ctx, request, ISSUE_SCOPE, body, () => {
        const issuedAt = ctx.clock.now();
        const record: ProofRecord = {
          proofId: newProofId(hallDate(issuedAt)),
          hallId: body.hallId,
          terminalId: body.terminalId,
          itemCode: item.itemCode,
          itemName: item.name,
          departmentName: item.departmentName,
          holderMaskedName: maskName(body.holder.name),
          issuedAt,
        };
        proofs.create(record, body.holder);
        return { status: 201, body: { proofId: record.proofId } };
      });
      const stored = JSON.parse(result.json) as { proofId?: string };
      const record = stored.proofId === undefined ? undefined : proofs.get(stored.proofId);
      if (!record)
        throw new ApiError(409, 'proof-expired', 'This certificate is no longer kept; ask for a new one');
      let answer: IssueProofResponse;
      try {
        answer = await draw(request, record);
      } catch (err) {
        if (err instanceof ApiError && err.code === 'proof-render-failed') {
          reply.header('retry-after', String(RENDER_RETRY_AFTER_S));
        }
        throw err;
      }
      if (result.replayed) reply.header(REPLAYED_HEADER, 'true');
      return reply.code(201).send(answer);
    },
  );

  app.get(
    `${PROOF_PATHS.verify}/:code`,
    {
      onRequest: verifyGuard,
      schema: {
        summary: 'Public verification page of a certificate (the QR code leads here)',
        description:
          'No token. An HTML page when the client accepts text/html (a phone that scanned the QR code), JSON otherwise. Says whether the code is a ' +
          'certificate this central issued: the item, the issuing hall, the date and the masked name, nothing ' +
          'else. An unknown or malformed code gets the same 404 answer. Rate-limited per address.',
        tags,
        params: verifyProofParamsSchema,
        produces: ['text/html', 'application/json'],
        response: {
          200: z.union([verifyProofResponseSchema, z.string().describe('HTML page')]),
          404: z.union([errorResponseSchema, z.string().describe('HTML page')]),
          429: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      // A phone's browser asks for HTML; any other client (or none said) gets JSON, errors included.
      const wantsJson = !(request.headers.accept ?? '').includes('text/html');
      const code = normaliseVerificationCode(request.params.code);
      const record = code === undefined ? undefined : proofs.byVerificationCode(code);
      reply.headers(VERIFY_PAGE_HEADERS);
      if (!record || code === undefined) {
        reply.code(404);
        return wantsJson
          ? reply.send({ error: { code: 'not-found', message: 'No certificate has this code' } })
          : reply.type('text/html; charset=utf-8').send(NOT_FOUND_PAGE);
      }
      const answer: VerifyProofResponse = {
        genuine: true,
        verificationCode: code,
        itemName: record.itemName,
        hallName: ctx.queue.hall(record.hallId)?.name.zh ?? record.hallId,
        issuedOn: hallDate(record.issuedAt),
        holderMaskedName: record.holderMaskedName,
      };
      return wantsJson
        ? reply.send(answer)
        : reply.type('text/html; charset=utf-8').send(renderGenuinePage(answer));
    },
  );
};
