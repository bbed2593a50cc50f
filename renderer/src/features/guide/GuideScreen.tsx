import { useTranslation } from 'react-i18next';
import type {
  GuideBundleSummary,
  GuideItem,
  GuideItemSummary,
  GuideMaterials,
} from '../../../../electron/backend/guide/contract';
import type { LocalizedText } from '../../../../electron/backend/api/contract';
import { useKioskStore } from '../../state/kioskStore';
import { Keyboard } from '../../components/keyboard/Keyboard';
import { hallTimeLocalized } from '../../../../domain/hall-time';
import { yuan } from '../../../../domain/money';
import { LIST_PAGE_SIZE, Pager } from '../../components/Pager';
import { Prompt } from '../../components/Prompt';
import { useBackAction } from '../../components/navigation';
import {
  back,
  currentView,
  openBundle,
  openDepartment,
  openItem,
  openSearch,
  setTab,
  typeQuery,
  useGuideStore,
  type GuideView,
} from './guideStore';
import { useCatalogueText } from './catalogueText';

/** The Chinese or English of a catalogue name, as the citizen chose. */
function useLocalized(): (text: LocalizedText) => string {
  const language = useKioskStore((s) => s.language);
  return (text) => (language === 'en' ? text.en || text.zh : text.zh);
}

/** 服务指南: life events, departments, search, an item's or life event's page. */
export function GuideScreen() {
  const view = useGuideStore(currentView);
  // The footer's 返回 is the guide's own: the page before, and from the guide's start, home.
  useBackAction(view.name === 'home' ? null : back);
  return (
    <section className="screen guide" data-testid="guide-screen">
      <GuideBody view={view} />
      <GuideStatus />
      <GuideNav canGoBack={view.name !== 'home'} />
    </section>
  );
}

function GuideBody({ view }: { view: GuideView }) {
  switch (view.name) {
    case 'home':
      return <GuideHome tab={view.tab} />;
    case 'search':
      return <GuideSearch query={view.query} results={view.results} />;
    case 'department':
      return <DepartmentPage view={view} />;
    case 'bundle':
      return <BundlePage view={view} />;
    case 'item':
      return <ItemPage item={view.item} />;
  }
}

/** Progress, errors and "this is the copy saved here" for every guide view. */
function GuideStatus() {
  const { t } = useTranslation();
  const busy = useGuideStore((s) => s.busy);
  const error = useGuideStore((s) => s.error);
  const catalogue = useGuideStore((s) => s.overview?.catalogue);
  const language = useKioskStore((s) => s.language);
  return (
    <>
      {busy && (
        <p className="progress" role="status" aria-live="polite" data-testid="guide-busy">
          <span className="spinner" aria-hidden="true" />
          {t('guide.loading')}
        </p>
      )}
      {error !== null && (
        <p className="alert" role="alert" data-testid="guide-error">
          {t(`errors.${error.code}`)}
        </p>
      )}
      {catalogue?.fromCache && (
        <p className="banner" role="status" data-testid="guide-cached">
          {t('guide.cached', {
            time: hallTimeLocalized(catalogue.fetchedAt, language),
          })}
        </p>
      )}
    </>
  );
}

function GuideNav({ canGoBack }: { canGoBack: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="guide-nav">
      {canGoBack && (
        <button type="button" className="btn" data-testid="guide-back" onClick={back}>
          {t('guide.back')}
        </button>
      )}
    </div>
  );
}

function GuideHome({ tab }: { tab: 'events' | 'departments' }) {
  const { t } = useTranslation();
  const overview = useGuideStore((s) => s.overview);
  const L = useLocalized();
  return (
    <>
      <Prompt text={t('guide.title')} testId="guide-title" />
      <nav className="guide-tabs" aria-label={t('guide.title')}>
        <button
          type="button"
          className="btn btn-toggle"
          aria-pressed={tab === 'events'}
          data-testid="guide-tab-events"
          onClick={() => setTab('events')}
        >
          {t('guide.byEvent')}
        </button>
        <button
          type="button"
          className="btn btn-toggle"
          aria-pressed={tab === 'departments'}
          data-testid="guide-tab-departments"
          onClick={() => setTab('departments')}
        >
          {t('guide.byDepartment')}
        </button>
        <button type="button" className="btn" data-testid="guide-search" onClick={openSearch}>
          {t('guide.search')}
        </button>
      </nav>
      {overview !== null && tab === 'events' && (
        <BundleList bundles={overview.bundles} heading={t('guide.byEvent')} />
      )}
      {overview !== null && tab === 'departments' && (
        <>
          <h2>{t('guide.byDepartment')}</h2>
          <ul className="guide-list">
            {overview.departments.map((d) => (
              <li key={d.departmentId}>
                <button
                  type="button"
                  className="tile guide-entry"
                  data-testid={`guide-department-${d.departmentId}`}
                  onClick={() => openDepartment(d.departmentId)}
                >
                  <span className="tile-title">{L(d.name)}</span>
                  <span className="tile-hint">{t('guide.itemCount', { count: d.itemCount })}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function BundleList({ bundles, heading }: { bundles: GuideBundleSummary[]; heading: string }) {
  const L = useLocalized();
  const { t } = useTranslation();
  if (bundles.length === 0) return null;
  return (
    <>
      <h2>{heading}</h2>
      <Pager items={bundles} pageSize={LIST_PAGE_SIZE} testId="guide-bundles-pager">
        {(page) => (
          <ul className="guide-list">
            {page.map((b) => (
              <li key={b.bundleCode}>
                <button
                  type="button"
                  className="tile guide-entry"
                  data-testid={`guide-bundle-${b.bundleCode}`}
                  onClick={() => openBundle(b.bundleCode)}
                >
                  <span className="tile-title">{L(b.name)}</span>
                  <span className="tile-hint">{t('guide.itemCount', { count: b.itemCount })}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </Pager>
    </>
  );
}

function ItemList({ items, heading }: { items: GuideItemSummary[]; heading: string }) {
  const L = useLocalized();
  if (items.length === 0) return null;
  return (
    <>
      <h2>{heading}</h2>
      <Pager items={items} pageSize={LIST_PAGE_SIZE} testId="guide-items-pager">
        {(page) => (
          <ul className="guide-list">
            {page.map((i) => (
              <li key={i.itemCode}>
                <button
                  type="button"
                  className="tile guide-entry"
                  data-testid={`guide-item-${i.itemCode}`}
                  onClick={() => openItem(i.itemCode)}
                >
                  <span className="tile-title">{L(i.name)}</span>
                  <span className="tile-hint">{L(i.departmentName)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </Pager>
    </>
  );
}

function GuideSearch({
  query,
  results,
}: {
  query: string;
  results: Extract<GuideView, { name: 'search' }>['results'];
}) {
  const { t } = useTranslation();
  return (
    <>
      <Prompt text={t('guide.search')} testId="guide-title" />
      <p>{t('guide.searchHint')}</p>
      <p className="id-input" aria-live="polite" data-testid="guide-query">
        <span className="visually-hidden">{t('guide.searchTyped')}</span>
        {query.length === 0 ? t('guide.searchPlaceholder') : query}
      </p>
      {/* Chinese by pinyin or handwriting (the words people know: 不动产, 公积金); letters for
          initials, aliases and codes (BDC, SB, GG0800). */}
      <Keyboard
        value={query}
        maxLength={20}
        onChange={typeQuery}
        modes={['pinyin', 'letters', 'handwriting', 'numbers']}
        testId="guide-keyboard"
      />
      {results !== null && results.bundles.length === 0 && results.items.length === 0 && (
        <p role="status" data-testid="guide-no-results">
          {t('guide.noResults')}
        </p>
      )}
      {results !== null && (
        <div data-testid="guide-results">
          <BundleList bundles={results.bundles} heading={t('guide.events')} />
          <ItemList items={results.items} heading={t('guide.items')} />
        </div>
      )}
    </>
  );
}

function DepartmentPage({ view }: { view: Extract<GuideView, { name: 'department' }> }) {
  const { t } = useTranslation();
  const L = useLocalized();
  return (
    <>
      <Prompt text={L(view.page.department.name)} testId="guide-title" />
      <ItemList items={view.page.items} heading={t('guide.items')} />
    </>
  );
}

function BundlePage({ view }: { view: Extract<GuideView, { name: 'bundle' }> }) {
  const { t } = useTranslation();
  const L = useLocalized();
  const b = view.bundle;
  const C = useCatalogueText();
  return (
    <>
      <Prompt text={L(b.name)} testId="guide-title" />
      <p lang={C(b.description).lang}>{C(b.description).text}</p>
      <h2>{t('guide.timeLimit')}</h2>
      <p>
        {b.promisedDays === 0
          ? t('guide.eventPromisedNow')
          : t('guide.eventPromised', { days: b.promisedDays })}
      </p>
      <Materials materials={b.materials} />
      <ItemList items={b.items} heading={t('guide.eventItems')} />
    </>
  );
}

function ItemPage({ item }: { item: GuideItem }) {
  const { t } = useTranslation();
  const L = useLocalized();
  const other = item.channels.filter((c) => c !== 'window');
  const C = useCatalogueText();
  return (
    <>
      <Prompt text={L(item.name)} testId="guide-title" />
      <p className="hint-small">{t('guide.department', { name: L(item.departmentName) })}</p>
      {item.suspended && (
        <p className="alert" role="alert" data-testid="guide-suspended">
          {t('guide.suspended')}
        </p>
      )}
      <h2>{t('guide.conditions')}</h2>
      {item.conditions.length === 0 ? (
        <p>{t('guide.noConditions')}</p>
      ) : (
        <ul className="guide-facts" data-testid="guide-conditions">
          {item.conditions.map((c) => (
            <li key={c.zh} lang={C(c).lang}>
              {C(c).text}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('guide.fees')}</h2>
      {item.fees.length === 0 ? (
        <p data-testid="guide-fees">{t('guide.free')}</p>
      ) : (
        <ul className="guide-facts" data-testid="guide-fees">
          {item.fees.map((f) => (
            <li key={f.name.zh}>
              <span lang={C(f.name).lang}>
                {t('guide.feeLine', { name: C(f.name).text, amount: yuan(f.amountFen) })}
              </span>
              <span className="hint-small" lang={C(f.basis).lang}>
                {' '}
                {t('guide.basis', { basis: C(f.basis).text })}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('guide.timeLimit')}</h2>
      <p data-testid="guide-time-limit">
        {item.promisedDays === 0
          ? t('guide.promisedNow', { legal: item.legalDays })
          : t('guide.promised', { days: item.promisedDays, legal: item.legalDays })}
      </p>
      <h2>{t('guide.where')}</h2>
      <p data-testid="guide-where">
        {t('guide.whereHall', {
          hall: item.hallName,
          category: item.queueCategory,
          department: L(item.departmentName),
        })}
      </p>
      {other.length > 0 && (
        <p>
          {t('guide.whereAlso')} {other.map((c) => t(`guide.channel.${c}`)).join(' · ')}
        </p>
      )}
      <Materials materials={item.materials} />
      <p className="green-channel" data-testid="guide-reduction">
        {t('guide.reduction', {
          listed: item.reduction.materialsListed,
          now: item.reduction.materialsToProvide,
        })}
      </p>
    </>
  );
}

/** What to bring, then what was dropped under 四个一律取消 and why. */
function Materials({ materials }: { materials: GuideMaterials }) {
  const { t } = useTranslation();
  const L = useLocalized();
  const C = useCatalogueText();
  return (
    <>
      <h2>{t('guide.toBring')}</h2>
      {materials.toBring.length === 0 ? (
        <p data-testid="guide-to-bring">{t('guide.nothingToBring')}</p>
      ) : (
        <ul className="guide-facts" data-testid="guide-to-bring">
          {materials.toBring.map((m) => (
            <li key={m.code} data-testid={`guide-bring-${m.code}`}>
              <strong>{L(m.name)}</strong> <span className="hint-small">{t(`guide.form.${m.form}`)}</span>
            </li>
          ))}
        </ul>
      )}
      {materials.dropped.length > 0 && (
        <>
          <h2>{t('guide.dropped')}</h2>
          <p>{t('guide.droppedHint')}</p>
          <ul className="guide-facts guide-dropped" data-testid="guide-dropped">
            {materials.dropped.map((m) => (
              <li key={m.code} data-testid={`guide-dropped-${m.code}`} data-reason={m.reason}>
                <strong className="struck">{L(m.name)}</strong>
                <span className="guide-reason">{t(`guide.reason.${m.reason}`)}</span>
                {m.basis && (
                  <span className="hint-small" lang={C(m.basis).lang}>
                    {t('guide.basis', { basis: C(m.basis).text })}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
