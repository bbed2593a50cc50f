import { useTranslation } from 'react-i18next';
import type { ProgressCase, ResultNotice } from '../../../../electron/backend/progress/contract';
import { JourneyFooter } from '../../components/JourneyFooter';
import { Prompt } from '../../components/Prompt';
import { QrImage } from '../../components/QrImage';
import { APPEAL_RIGHTS } from '../../../../domain/appeal-rights';
import { hallTime } from '../../../../domain/hall-time';
import { yuan } from '../../../../domain/money';
import { printNotice } from './progressActions';
import { LiveAnnouncement, ProgressError, splitError, useLocalized } from './progressParts';
import { showProgressView, useProgressStore } from './progressStore';

const PRINTER_PROBLEMS = new Set([
  'printer-paper-out',
  'printer-cover-open',
  'printer-offline',
  'printer-error',
]);

/** The steps so far as a vertical timeline, newest first (the same order everywhere in progress). */
function Timeline({ steps }: { steps: ProgressCase['timeline'] }) {
  const { t } = useTranslation();
  const name = useLocalized();
  return (
    <ol className="timeline" data-testid="case-timeline">
      {steps.map((e, i) => (
        <li
          key={`${e.at}-${e.action}-${i}`}
          className={i === 0 ? 'timeline-step current' : 'timeline-step'}
          data-testid="timeline-step"
          data-action={e.action}
        >
          <span className="timeline-when">{hallTime(e.at)}</span>
          <strong className="timeline-what">{t(`progress.event.${e.action}`)}</strong>
          <span className="timeline-who">
            {e.department !== null
              ? t('progress.department', { name: name(e.department) })
              : t(`progress.actor.${e.actor}`)}
          </span>
          {e.note !== null && <span className="timeline-note">{t('progress.reason', { note: e.note })}</span>}
        </li>
      ))}
    </ol>
  );
}

/**
 * The remedies against a decision not in the citizen's favour, with their time limits, as the
 * printed notice states them.
 */
function AppealRightsText({ body }: { body: string | null }) {
  const { t } = useTranslation();
  const name = useLocalized();
  const r = APPEAL_RIGHTS;
  return (
    <div className="appeal-rights" data-testid="appeal-rights">
      <p>{t('paper.rights.title')}</p>
      <ul className="guide-facts">
        <li>
          {body === null
            ? t('paper.rights.reconsideration', {
                days: r.reconsiderationDays,
                law: name(r.reconsiderationLaw),
              })
            : t('paper.rights.reconsiderationTo', {
                days: r.reconsiderationDays,
                law: name(r.reconsiderationLaw),
                body,
              })}
        </li>
        <li>{t('paper.rights.litigation', { months: r.litigationMonths, law: name(r.litigationLaw) })}</li>
      </ul>
    </div>
  );
}

/** Statuses in which the fee can be paid at the kiosk (the payments slice's, taken in and not ended). */
const PAYABLE: ReadonlySet<ProgressCase['status']> = new Set([
  'accepted',
  'routed',
  'approved',
  'ready-for-pickup',
  'handed-out',
]);
/** Not taken in yet: the fee is paid after acceptance. */
const BEFORE_ACCEPTANCE: ReadonlySet<ProgressCase['status']> = new Set([
  'submitted',
  'pre-review-returned',
  'pre-review-passed',
  'needs-correction',
]);

/** The case's fee as the review showed it, and whether it has been paid or is still due. */
function feeLine(t: (key: string, options?: Record<string, unknown>) => string, c: ProgressCase): string {
  if (c.fee.amountFen === 0) return t('paper.fee.free');
  const amount = yuan(c.fee.amountFen);
  if (c.fee.paid) return t('paper.fee.paid', { amount });
  if (PAYABLE.has(c.status)) return t('paper.fee.unpaid', { amount });
  if (BEFORE_ACCEPTANCE.has(c.status)) return t('paper.fee.due', { amount });
  return t('paper.fee.notDue', { amount });
}

/** The notice's key content on screen, for when the printer could not print it. */
function NoticeContent({ notice }: { notice: ResultNotice }) {
  const { t } = useTranslation();
  const name = useLocalized();
  return (
    <div className="notice-card" data-testid="notice-content">
      <h2>{t('progress.notice.title')}</h2>
      <dl className="notice-facts">
        <dt>{t('progress.notice.applicant')}</dt>
        <dd className="masked" data-testid="notice-name">
          {notice.maskedName}
        </dd>
        <dt>{t('progress.notice.caseNumber')}</dt>
        <dd data-testid="notice-case-number">{notice.caseNumber}</dd>
        <dt>{t('progress.notice.item')}</dt>
        <dd>{name(notice.itemName)}</dd>
        <dt>{t('progress.notice.result')}</dt>
        <dd data-testid="notice-outcome">{t(`progress.outcome.${notice.outcome}`)}</dd>
        {notice.reason !== null && (
          <>
            <dt>{t('progress.notice.reason')}</dt>
            <dd>{notice.reason}</dd>
          </>
        )}
        <dt>{t('progress.notice.collection')}</dt>
        <dd>{t(`progress.collection.${notice.collection}`, { hall: notice.hallName })}</dd>
      </dl>
      {notice.rights && <AppealRightsText body={notice.rights.reconsiderationBody} />}
      <p>{t('progress.notice.follow')}</p>
      <QrImage data={notice.followUrl} label={t('progress.notice.follow')} testId="notice-qr" />
    </div>
  );
}

function NoticeResult({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const notice = useProgressStore((s) => (s.notice?.caseId === caseId ? s.notice.result : null));
  if (notice === null) return null;
  if (notice.printed) {
    return (
      <p className="take-away" role="status" data-testid="notice-printed">
        {notice.alreadyPrinted ? t('progress.alreadyPrinted') : t('progress.printed')}
      </p>
    );
  }
  const problem =
    notice.printerProblem !== null && PRINTER_PROBLEMS.has(notice.printerProblem)
      ? notice.printerProblem
      : 'printer-error';
  return (
    <>
      <p className="alert" role="alert" data-testid="notice-not-printed" data-problem={problem}>
        {t('progress.notPrinted', { problem: t(`progress.printerProblem.${problem}`) })}
      </p>
      <NoticeContent notice={notice.notice} />
    </>
  );
}

/** One case: its status in words, what happens next, the timeline, and the result notice. */
export function CaseScreen({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const name = useLocalized();
  const list = useProgressStore((s) => s.list);
  const error = useProgressStore((s) => s.error);
  const busy = useProgressStore((s) => s.busy);
  const { own, footer } = splitError(error);
  const c = list?.entries.find((e): e is ProgressCase => e.kind === 'case' && e.caseId === caseId);
  const back = (
    <button
      type="button"
      className="btn btn-secondary"
      data-testid="progress-back"
      onClick={() => showProgressView({ name: 'list' })}
    >
      {t('progress.backToList')}
    </button>
  );
  if (c === undefined) {
    return (
      <section className="screen progress-case" data-testid="progress-case-missing">
        <ProgressError error={{ code: 'not-found', reason: 'unknown-case' }} />
        {back}
        <JourneyFooter error={null} busy={busy} />
      </section>
    );
  }
  return (
    <section className="screen progress-case" data-testid="progress-case" data-case-number={c.caseNumber}>
      <Prompt text={name(c.itemName)} />
      <p data-testid="case-number">{t('progress.caseNumber', { number: c.caseNumber })}</p>
      <LiveAnnouncement />
      {list !== null && !list.fresh && (
        <p className="alert" role="status" data-testid="progress-stale">
          {t('progress.stale', { time: hallTime(list.fetchedAt) })}
        </p>
      )}
      <div className="progress-status">
        <span>{t('progress.currentStatus')}</span>
        <strong className="progress-status-words" data-testid="case-status" data-status={c.status}>
          {t(`progress.status.${c.status}`)}
        </strong>
        <span>{t(`progress.next.${c.status}`)}</span>
      </div>
      <ul className="guide-facts">
        <li>{c.dueDate !== null ? t('progress.due', { date: c.dueDate }) : t('progress.noDue')}</li>
        <li>{t('progress.submittedAt', { time: hallTime(c.submittedAt) })}</li>
        {c.department !== null && <li>{t('progress.department', { name: name(c.department) })}</li>}
        <li>{t('progress.pickupLine', { way: t(`progress.pickup.${c.pickup ?? c.delivery}`) })}</li>
        <li data-testid="case-fee" data-paid={c.fee.paid}>
          {feeLine(t, c)}
        </li>
      </ul>
      {c.outcome === 'rejected' && <AppealRightsText body={null} />}
      {c.noticeAvailable && (
        <button
          type="button"
          className="btn btn-primary"
          data-testid="print-notice"
          disabled={busy}
          onClick={() => void printNotice(c.caseId)}
        >
          {t('progress.printNotice')}
        </button>
      )}
      <NoticeResult caseId={c.caseId} />
      <ProgressError error={own} />
      <h2>{t('progress.timelineTitle')}</h2>
      <Timeline steps={c.timeline} />
      {back}
      <JourneyFooter error={footer} busy={busy} />
    </section>
  );
}
