import { IDEMPOTENCY_HEADER } from '../../../central/contract';
import {
  issueProofResponseSchema,
  listPrintableItemsResponseSchema,
  PROOF_PATHS,
  type IssueProofRequest,
} from '../../../central/proofs/contract';
import { CentralSliceClient } from '../central-connection/connection';

/**
 * Drawing a certificate is the central's heaviest answer (a CJK font subsetted into the PDF), and a
 * busy central takes seconds for it: twice the kiosk's usual patience before the citizen is told.
 * The key makes a retry after a timeout safe: the central issues one certificate per key.
 */
export const PROOF_ISSUE_TIMEOUT_MS = 20_000;

/** The central's certificates (证明): which items print at once, and one certificate for the card holder. */
export class CentralProofsClient extends CentralSliceClient {
  printableItems(hallId: string) {
    return this.request(
      'GET',
      `${PROOF_PATHS.items}?hallId=${encodeURIComponent(hallId)}`,
      listPrintableItemsResponseSchema,
    );
  }

  /** Idempotent on the key: a retry (after a jam) gets the same certificate and verification code. */
  issue(body: IssueProofRequest, idempotencyKey: string) {
    return this.connection.request('POST', PROOF_PATHS.proofs, issueProofResponseSchema, {
      body,
      headers: { [IDEMPOTENCY_HEADER]: idempotencyKey },
      timeoutMs: PROOF_ISSUE_TIMEOUT_MS,
    });
  }
}
