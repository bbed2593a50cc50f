import type { ItemMaterial, ServiceItem } from '../../../central/catalogue/contract';
import type { PaperPlace } from './contract';
import type { LocalizedText } from '../api/contract';

/** How a material that must be seen reaches the case. */
export type CaptureKind = 'paper-at-window' | 'document-camera';

/** What a capture source did with a material: how the case will receive it. */
export type Captured =
  /** Seen on paper at the window when the citizen hands it in (the central's `via: 'paper'`). */
  | { via: 'paper'; where: PaperPlace }
  /** Scanned here; the scan travels with the case (`via: 'upload'`). */
  | { via: 'upload'; documentRef: string };

/**
 * A source for the materials the citizen must still show. Only 'paper-at-window' exists today; a
 * document camera (高拍仪) plugs in as another source that accepts what it can scan, captures it on
 * the materials step and answers `via: 'upload'`. The checklist asks the sources in order and
 * uses the first that accepts a material, so adding the camera changes no caller.
 */
export interface MaterialCapture {
  readonly kind: CaptureKind;
  accepts(material: ItemMaterial): boolean;
  /** `usedBy`: the items that need it (a bundle's material is shown once for all of them). */
  capture(material: ItemMaterial, usedBy: readonly ServiceItem[]): Promise<Captured>;
  /** Where the citizen goes with it, said before anything is captured (the checklist step). */
  plan(material: ItemMaterial, usedBy: readonly ServiceItem[]): PaperPlace | null;
}

/**
 * Paper at the window: nothing is captured at the kiosk; the material is listed with where to hand
 * it in — the hall, the queue category of the first item that needs it (the bundle's lead item
 * comes first) and that item's department.
 */
export function paperAtWindow(hall: {
  name: string;
  categoryName(code: string): LocalizedText | undefined;
}): MaterialCapture {
  const place = (usedBy: readonly ServiceItem[]): PaperPlace | null => {
    const item = usedBy[0];
    if (!item) return null;
    return {
      hallName: hall.name,
      queueCategory: item.queueCategory,
      categoryName: hall.categoryName(item.queueCategory) ?? null,
      departmentName: item.departmentName,
    };
  };
  return {
    kind: 'paper-at-window',
    accepts: () => true,
    plan: (_material, usedBy) => place(usedBy),
    capture: async (_material, usedBy) => {
      const where = place(usedBy);
      if (!where) throw new Error('paper-at-window: a material with no item that needs it');
      return { via: 'paper', where };
    },
  };
}
