import type { ItemMaterial, ServiceItem } from '../../../central/catalogue/contract';
import type { MaterialCapture } from './material-capture';

/**
 * Materials a document camera's scan cannot stand in for, whatever their form: a 证件照 must meet
 * the photo standard (size, background, print), which a photographed print does not.
 */
export const NOT_SCANNABLE: ReadonlySet<string> = new Set(['PHOTO']);

/**
 * Whether a material may be captured with the document camera (高拍仪): any paper document the
 * citizen would otherwise carry to the window, except those in NOT_SCANNABLE. The checklist only
 * asks for materials that go on paper (kept ones, an e-certificate the central does not hold — the
 * paper certificate then — and a commitment the citizen prefers to prove), so the form does not
 * narrow it further.
 *
 * Originals included: the kiosk's pages are level C (captured unattended), and the central marks
 * them so; where a department's rules require the original to be seen, the window checks it at
 * pickup against the scan rather than taking a photocopy. That is the window's rule to apply, not
 * a reason to send the citizen there first.
 */
export function cameraMayCapture(material: ItemMaterial): boolean {
  return !NOT_SCANNABLE.has(material.code);
}

/**
 * The document camera as a capture source, asked before paper at the window. It accepts what the
 * camera may capture and, until pages are kept, plans the same window as paper (shown on the
 * checklist as the way out: no camera, a refused page, a citizen who prefers paper). At submission
 * a material of which this card session kept pages goes `via: 'upload'` naming them; one without
 * pages is still paper at the window.
 */
export function documentCamera(deps: {
  /** What names this session's kept pages of a material; null when none were kept. */
  documentRefFor(materialCode: string): string | null;
  /** Where the material goes when it is not scanned after all. */
  paper: MaterialCapture;
}): MaterialCapture {
  return {
    kind: 'document-camera',
    accepts: cameraMayCapture,
    plan: (material, usedBy: readonly ServiceItem[]) => deps.paper.plan(material, usedBy),
    capture: async (material, usedBy) => {
      const documentRef = deps.documentRefFor(material.code);
      if (documentRef) return { via: 'upload', documentRef };
      return deps.paper.capture(material, usedBy);
    },
  };
}
