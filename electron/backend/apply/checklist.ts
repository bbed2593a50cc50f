import type { CancellationRule, ItemMaterial, ServiceItem } from '../../../central/catalogue/contract';
import type { MaterialSubmission } from './case-payload';
import type { ChecklistEntry, ChecklistStatus } from './contract';
import type { MaterialCapture } from './material-capture';
import type { Selected } from './selection';

/**
 * The central's merge rule for a bundle's materials (central/catalogue/store.ts): when one
 * material serves several items, the most demanding fate wins — kept (hand it in) over a
 * commitment, over online verification, over an e-certificate, over no legal basis.
 */
export const RULE_STRENGTH: Record<CancellationRule, number> = {
  kept: 0,
  commitment: 1,
  'online-verification': 2,
  'e-certificate': 3,
  'no-legal-basis': 4,
};

export interface MergedMaterial {
  material: ItemMaterial;
  /** The items that need it, in the selection's order. */
  usedBy: ServiceItem[];
}

/** One list for the whole selection: each material once, with the most demanding fate. */
export function mergeMaterials(items: readonly ServiceItem[]): MergedMaterial[] {
  const merged = new Map<string, MergedMaterial>();
  for (const item of items) {
    for (const m of item.materials) {
      const seen = merged.get(m.code);
      if (!seen) {
        merged.set(m.code, { material: m, usedBy: [item] });
        continue;
      }
      seen.usedBy.push(item);
      if (RULE_STRENGTH[m.cancellation.rule] < RULE_STRENGTH[seen.material.cancellation.rule]) {
        seen.material = m;
      }
    }
  }
  return [...merged.values()];
}

export interface ChecklistInput {
  /** Which e-certificates the central holds for the citizen; null when it could not be asked. */
  certificates: ReadonlyMap<string, boolean> | null;
  /** Commitment materials the citizen prefers to hand in on paper. */
  paperInstead: ReadonlySet<string>;
  /** Capture sources, asked in order (paper at the window today). */
  captures: readonly MaterialCapture[];
}

function statusOf(m: ItemMaterial, input: ChecklistInput): { status: ChecklistStatus; missing: boolean } {
  switch (m.cancellation.rule) {
    case 'kept':
      return { status: 'paper', missing: false };
    case 'e-certificate': {
      if (input.certificates === null) return { status: 'e-certificate-unchecked', missing: false };
      return input.certificates.get(m.code) === true
        ? { status: 'e-certificate-found', missing: false }
        : { status: 'paper', missing: true };
    }
    case 'commitment':
      return { status: input.paperInstead.has(m.code) ? 'paper' : 'commitment', missing: false };
    case 'online-verification':
      return { status: 'online-verification', missing: false };
    case 'no-legal-basis':
      return { status: 'dropped', missing: false };
  }
}

/** The merged checklist: what happens to each material, and for paper where it is handed in. */
export function buildChecklist(selected: Selected, input: ChecklistInput): ChecklistEntry[] {
  // 一窗受理、一窗出件: a bundle's paper all goes to one window, its lead item's, whichever item needs it.
  const lead = selected.bundle
    ? (selected.items.find((i) => i.departmentId === selected.bundle!.leadDepartmentId) ?? selected.items[0])
    : undefined;
  return mergeMaterials(selected.items).map(({ material: m, usedBy }) => {
    const { status, missing } = statusOf(m, input);
    const entry: ChecklistEntry = {
      code: m.code,
      name: m.name,
      form: m.form,
      status,
      eCertificateMissing: missing,
      ...(m.cancellation.basis ? { basis: m.cancellation.basis } : {}),
      usedBy: usedBy.map((i) => i.itemCode),
    };
    // A commitment gets its place too: the citizen may hand the document in instead of signing.
    if (status !== 'paper' && status !== 'commitment') return entry;
    const source = input.captures.find((c) => c.accepts(m));
    const where = source?.plan(m, lead ? [lead, ...usedBy] : usedBy) ?? undefined;
    return { ...entry, ...(source ? { capture: source.kind } : {}), ...(where ? { where } : {}) };
  });
}

const VIA: Record<Exclude<ChecklistStatus, 'dropped'>, MaterialSubmission['via']> = {
  'e-certificate-found': 'e-certificate',
  // Not checked now: staff fetch it at intake (or ask for the paper then).
  'e-certificate-unchecked': 'e-certificate',
  'online-verification': 'online-verification',
  commitment: 'commitment',
  paper: 'paper',
};

/** How each of one item's materials reaches its case, from the merged checklist. */
export function caseMaterials(item: ServiceItem, checklist: readonly ChecklistEntry[]): MaterialSubmission[] {
  const byCode = new Map(checklist.map((e) => [e.code, e]));
  return item.materials.flatMap((m) => {
    const entry = byCode.get(m.code);
    if (!entry || entry.status === 'dropped') return [];
    return [{ code: m.code, via: VIA[entry.status] }];
  });
}

/** Materials with a commitment to sign (and not switched to paper). */
export function commitmentsToSign(checklist: readonly ChecklistEntry[]): string[] {
  return checklist.filter((e) => e.status === 'commitment').map((e) => e.code);
}
