import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { JourneyFooter } from '../../components/JourneyFooter';
import { LIST_PAGE_SIZE, Pager } from '../../components/Pager';
import { Prompt } from '../../components/Prompt';
import { useBackAction } from '../../components/navigation';
import { CaseScreen } from './CaseScreen';
import { hallTime } from '../../../../domain/hall-time';
import { loadList } from './progressActions';
import { LiveAnnouncement, ProgressError, splitError, useLocalized } from './progressParts';
import { showProgressView, useProgressStore } from './progressStore';

/** 办件进度: the citizen's cases, newest first; a case opens its page with the timeline. */
function CaseList() {
  const { t } = useTranslation();
  const name = useLocalized();
  const list = useProgressStore((s) => s.list);
  const error = useProgressStore((s) => s.error);
  const busy = useProgressStore((s) => s.busy);
  const { own, footer } = splitError(error);

  return (
    <section
      className="screen progress"
      data-testid="progress-screen"
      data-loaded={list !== null}
      data-fresh={list?.fresh ?? ''}
    >
      <Prompt text={t('progress.title')} />
      <LiveAnnouncement />
      {list !== null && !list.fresh && (
        <p className="alert" role="status" data-testid="progress-stale">
          {t('progress.stale', { time: hallTime(list.fetchedAt) })}
        </p>
      )}
      <ProgressError error={own} />
      {own?.reason === 'needs-network' && (
        <button type="button" className="btn" data-testid="progress-retry" onClick={() => void loadList()}>
          {t('progress.retry')}
        </button>
      )}
      {list !== null && list.entries.length === 0 && (
        <p role="status" data-testid="progress-empty">
          {t('progress.empty')}
        </p>
      )}
      {list !== null && list.entries.length > 0 && (
        <Pager items={list.entries} pageSize={LIST_PAGE_SIZE} testId="progress-pager">
          {(page) => (
            <ul className="progress-list" data-testid="progress-list">
              {page.map((e) =>
                e.kind === 'pending' ? (
                  <li
                    key={e.localId}
                    className="progress-pending"
                    data-testid={`progress-pending-${e.localId}`}
                  >
                    <span className="tile-title">{name(e.itemName)}</span>
                    <strong>{t('progress.pending')}</strong>
                    <span>{t('progress.pendingHint')}</span>
                  </li>
                ) : (
                  <li key={e.caseId}>
                    <button
                      type="button"
                      className="tile progress-row"
                      data-testid={`progress-row-${e.caseNumber}`}
                      data-status={e.status}
                      onClick={() => showProgressView({ name: 'case', caseId: e.caseId })}
                    >
                      <span className="tile-title">{name(e.itemName)}</span>
                      <span className="progress-row-status">{t(`progress.status.${e.status}`)}</span>
                      <span className="tile-hint">
                        {t('progress.caseNumber', { number: e.caseNumber })}
                        {' · '}
                        {e.dueDate !== null ? t('progress.due', { date: e.dueDate }) : t('progress.noDue')}
                      </span>
                    </button>
                  </li>
                ),
              )}
            </ul>
          )}
        </Pager>
      )}
      <JourneyFooter error={footer} busy={busy} />
    </section>
  );
}

/** The progress journey: the list, or one case's page. */
export function ProgressScreen() {
  const view = useProgressStore((s) => s.view);
  // The footer's 返回 from a case's page is the list, as the page's own button.
  useBackAction(view.name === 'case' ? () => showProgressView({ name: 'list' }) : null);
  useEffect(() => {
    void loadList();
  }, []);
  return view.name === 'case' ? <CaseScreen caseId={view.caseId} /> : <CaseList />;
}
