import { ChevronLeft, ChevronRight } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useKioskStore } from '../state/kioskStore';

/**
 * A long list shown a page at a time, so a screen never grows past the content area and the
 * footer's ways out stay in reach: 上一页 / 下一页 with "第 n / m 页", as large as any button.
 * A new list (a search typed further, another department) starts again at its first page.
 */
/** Tiles of a guide or journey list per page: six fit the portrait content area in elderly mode too. */
export const LIST_PAGE_SIZE = 6;

export function Pager<T>({
  items,
  pageSize,
  testId,
  children,
}: {
  items: readonly T[];
  /** How many fit the content area in normal mode: each list picks its own for its tiles' height. */
  pageSize: number;
  /** Names the controls: `<testId>-previous`, `<testId>-next`, `<testId>-page`. */
  testId: string;
  children: (page: readonly T[]) => ReactNode;
}) {
  const { t } = useTranslation();
  const elderly = useKioskStore((s) => s.elderly);
  // The page belongs to the list it was chosen in: a different list array starts at page one.
  const [chosen, setChosen] = useState<{ items: readonly T[]; page: number }>({ items, page: 0 });
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new RangeError(`a page holds at least one entry, not ${pageSize}`);
  }
  // Elderly tiles are half as tall again (larger text, two-line names): two thirds as many per page.
  const size = elderly ? Math.max(1, Math.floor((pageSize * 2) / 3)) : pageSize;
  const pages = Math.max(1, Math.ceil(items.length / size));
  const page = chosen.items === items ? Math.min(chosen.page, pages - 1) : 0;
  const go = (to: number) => setChosen({ items, page: to });
  const shown = items.slice(page * size, (page + 1) * size);
  return (
    <>
      {children(shown)}
      {pages > 1 && (
        <nav className="pager" aria-label={t('design.pager.label')} data-testid={testId}>
          <button
            type="button"
            className="btn pager-button"
            data-testid={`${testId}-previous`}
            disabled={page === 0}
            onClick={() => go(page - 1)}
          >
            <ChevronLeft className="btn-icon" aria-hidden="true" />
            {t('design.pager.previous')}
          </button>
          <span className="pager-page" aria-live="polite" data-testid={`${testId}-page`}>
            {t('design.pager.page', { n: page + 1, total: pages })}
          </span>
          <button
            type="button"
            className="btn pager-button"
            data-testid={`${testId}-next`}
            disabled={page === pages - 1}
            onClick={() => go(page + 1)}
          >
            {t('design.pager.next')}
            <ChevronRight className="btn-icon" aria-hidden="true" />
          </button>
        </nav>
      )}
    </>
  );
}
