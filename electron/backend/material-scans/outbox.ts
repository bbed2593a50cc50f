import { z } from 'zod';
import { createUploadRequestSchema, type UploadStatus } from '../../../central/material-scans/contract';
import type { CentralOutcome } from '../central-connection/connection';
import type { KioskLogger } from '../logging/logger';
import { centralRefusal } from '../store/central-outcome';
import { outboxKind, type OutboxKind } from '../store/outbox-kind';
import type { DeliveryOutcome } from '../store/outbox-delivery';
import type { CentralMaterialScanClient } from './central';
import { pageIdSchema } from './contract';

/**
 * The outbox kind of a scanned page's upload. One stream per scanned material
 * (`material-scan:<documentRef>`), so a material's pages arrive in order while materials (and the
 * case itself) travel side by side: the central links them in whichever order they come.
 */
export const MATERIAL_SCAN_KIND = 'material-scan';

/** The queued item: the page's id in the store (its image stays sealed there) and its upload. */
export const materialScanPayloadSchema = z.object({
  pageId: pageIdSchema,
  upload: createUploadRequestSchema,
});
export type MaterialScanPayload = z.infer<typeof materialScanPayloadSchema>;

/**
 * A central that answers a wrong offset with its own again and again is broken; stop and retry
 * later rather than loop. Far more than one real break needs (each answer moves the offset on).
 */
export const MAX_OFFSET_CORRECTIONS = 8;

export interface MaterialScanOutboxDeps {
  central: Pick<CentralMaterialScanClient, 'createUpload' | 'putChunk' | 'complete'>;
  pages: {
    uploadImage(pageId: string): Buffer | undefined;
    /** Runs in the acknowledging transaction: the page leaves the store with the acknowledgement. */
    delivered(pageId: string): void;
  };
  chunkBytes: number;
  logger: KioskLogger;
}

type Failed = Exclude<CentralOutcome<unknown>, { kind: 'ok' }>;

function notDelivered(outcome: Failed, logger: Pick<KioskLogger, 'error'>): DeliveryOutcome {
  switch (outcome.kind) {
    case 'rejected':
      // No refusal of an upload is the citizen's outcome (their case went on its own): whatever the
      // central said, the kiosk and it disagree about a page, which is for staff (a dead letter they
      // may retry), and the page stays sealed until it is delivered or staff discard it.
      return { ...centralRefusal(outcome), refused: false };
    case 'unauthorized':
      logger.error('central.unauthorized', { reason: outcome.reason });
      return { kind: 'retry', reason: `unauthorized: ${outcome.reason}` };
    case 'retry':
      return outcome;
  }
}

/** The central's received offset carried by a refusal of a chunk at the wrong offset. */
function offsetIn(body: unknown): number | undefined {
  const parsed = z.object({ error: z.object({ receivedBytes: z.number().int().min(0) }) }).safeParse(body);
  return parsed.success ? parsed.data.error.receivedBytes : undefined;
}

/**
 * Uploads one page in chunks. Every attempt asks the central first how much it holds (creating
 * the upload is idempotent and answers its received offset), so after a break (the network, the
 * kiosk restarting, the central restarting) the page continues from there, never from zero. The
 * acknowledgement purges the page; a hash the central cannot match starts the page over (the
 * central discards what it held), and the kiosk's sealed copy is kept until then.
 */
export function materialScanOutboxKinds(deps: MaterialScanOutboxDeps): OutboxKind[] {
  const { central, pages, chunkBytes, logger } = deps;
  return [
    outboxKind({
      kind: MATERIAL_SCAN_KIND,
      payloadSchema: materialScanPayloadSchema,
      handler: async ({ pageId, upload }) => {
        const image = pages.uploadImage(pageId);
        // The page left the store only with an acknowledgement; this one has none, so it is lost.
        if (!image)
          return { kind: 'rejected', reason: `page ${pageId} is no longer in the store`, response: null };
        if (image.length !== upload.totalBytes) {
          return {
            kind: 'rejected',
            reason: `page ${pageId} does not match its queued size`,
            response: null,
          };
        }
        const created = await central.createUpload(upload);
        if (created.kind !== 'ok') return notDelivered(created, logger);
        let status: UploadStatus = created.body.upload;
        if (status.receivedBytes > 0 && status.state === 'receiving') {
          logger.info('material-scans.upload-resumed', {
            receivedBytes: status.receivedBytes,
            totalBytes: status.totalBytes,
          });
        }
        let chunks = 0;
        let corrections = 0;
        while (status.state === 'receiving' && status.receivedBytes < upload.totalBytes) {
          const offset = status.receivedBytes;
          const sent = await central.putChunk(
            status.uploadId,
            offset,
            image.subarray(offset, offset + chunkBytes),
          );
          if (sent.kind === 'ok') {
            status = sent.body.upload;
            chunks += 1;
            continue;
          }
          const theirs =
            sent.kind === 'rejected' && sent.code === 'upload-offset-mismatch'
              ? offsetIn(sent.body)
              : undefined;
          if (theirs === undefined) return notDelivered(sent, logger);
          if (corrections >= MAX_OFFSET_CORRECTIONS) {
            return {
              kind: 'retry',
              reason: `the central moved the upload's offset ${corrections} times; trying later`,
            };
          }
          corrections += 1;
          status = { ...status, receivedBytes: theirs };
        }
        if (status.state === 'receiving') {
          const done = await central.complete(status.uploadId);
          if (done.kind !== 'ok') {
            // The central dropped what it held; the next attempt sends the page again from zero.
            if (done.kind === 'rejected' && done.code === 'upload-hash-mismatch') {
              return { kind: 'retry', reason: 'the central could not match the page hash; sending it again' };
            }
            return notDelivered(done, logger);
          }
          status = done.body.upload;
        }
        logger.info('material-scans.delivered', { bytes: upload.totalBytes, chunks });
        return { kind: 'ok', response: { upload: status }, apply: () => pages.delivered(pageId) };
      },
    }),
  ];
}
