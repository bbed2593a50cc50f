import type { materialSubmissionSchema } from '../../../central/cases/contract';
import type { z } from 'zod';

type MaterialSubmission = z.infer<typeof materialSubmissionSchema>;

/**
 * A case's materials with what the document camera captured: a material that would go on paper
 * to the window, and of which the session kept pages, goes as `via: 'upload'` naming those pages.
 * Materials settled otherwise (an e-certificate found, a signed commitment) are left as they are.
 */
export function withScannedMaterials(
  materials: readonly MaterialSubmission[],
  documentRefFor: (materialCode: string) => string | null,
): MaterialSubmission[] {
  return materials.map((m) => {
    if (m.via !== 'paper') return m;
    const documentRef = documentRefFor(m.code);
    return documentRef ? { code: m.code, via: 'upload', documentRef } : m;
  });
}

/** The scanned materials a case names: what `attachWithin` must queue with it. */
export function documentRefsOf(materials: readonly MaterialSubmission[]): string[] {
  return materials.flatMap((m) => (m.via === 'upload' && m.documentRef ? [m.documentRef] : []));
}
