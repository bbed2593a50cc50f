import type { Bundle, ServiceItem } from '../../../central/catalogue/contract';
import type { ApplyReason, ApplySelection } from './contract';
import type { LocalizedText } from '../api/contract';
import type { CachedCatalogue } from '../guide/service';

/** An item or a bundle, resolved from the kiosk's catalogue copy, ready to build a form from. */
export interface Selected {
  selection: ApplySelection;
  title: LocalizedText;
  /** The item, or the bundle's items in the bundle's order (its lead item first). */
  items: ServiceItem[];
  bundle: Bundle | null;
  promisedDays: number;
}

/** Offered on the kiosk and not suspended: the only items a citizen can apply for here. */
export function appliable(item: ServiceItem): boolean {
  return item.channels.includes('kiosk') && !item.suspended;
}

/** A bundle can be applied for here when every one of its items can. */
export function appliableBundle(catalogue: CachedCatalogue, bundle: Bundle): boolean {
  return bundle.items.every((bi) => {
    const item = catalogue.items.find((i) => i.itemCode === bi.itemCode);
    return item !== undefined && appliable(item);
  });
}

export function resolveSelection(
  catalogue: CachedCatalogue,
  selection: ApplySelection,
): Selected | { refused: ApplyReason } {
  if (selection.kind === 'item') {
    const item = catalogue.items.find((i) => i.itemCode === selection.itemCode);
    if (!item) return { refused: 'unknown-selection' };
    if (item.suspended) return { refused: 'suspended' };
    if (!item.channels.includes('kiosk')) return { refused: 'not-on-kiosk' };
    return { selection, title: item.name, items: [item], bundle: null, promisedDays: item.promisedDays };
  }
  const bundle = catalogue.bundles.find((b) => b.bundleCode === selection.bundleCode);
  if (!bundle) return { refused: 'unknown-selection' };
  const items = bundle.items.map((bi) => catalogue.items.find((i) => i.itemCode === bi.itemCode));
  if (items.some((i) => i === undefined)) return { refused: 'unknown-selection' };
  const resolved = items as ServiceItem[];
  if (resolved.some((i) => i.suspended)) return { refused: 'suspended' };
  if (resolved.some((i) => !i.channels.includes('kiosk'))) return { refused: 'not-on-kiosk' };
  return { selection, title: bundle.name, items: resolved, bundle, promisedDays: bundle.promisedDays };
}
