import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKioskStore } from '../../state/kioskStore';
import { JourneyFooter } from '../../components/JourneyFooter';
import { useBackAction } from '../../components/navigation';
import { Prompt } from '../../components/Prompt';
import { submitRating } from './evaluationsActions';
import {
  showEvaluationsView,
  useEvaluationsStore,
  type EvaluationsView,
  type RateSubject,
} from './evaluationsStore';

/** The rating journey: the screen of the view its store has open. */
export function EvaluationsScreen() {
  const view = useEvaluationsStore((s) => s.view);
  switch (view.name) {
    case 'rate':
      return <RateScreen view={view} />;
    case 'rated':
      return <RatedScreen view={view} />;
  }
}

/** 好差评: choose what to rate (a served visit by its ticket's QR, or a completed case), then rate. */
function RateScreen({ view }: { view: Extract<EvaluationsView, { name: 'rate' }> }) {
  const { t } = useTranslation();
  const language = useKioskStore((s) => s.language);
  const error = useEvaluationsStore((s) => s.error);
  const busy = useEvaluationsStore((s) => s.busy);
  const scan = useKioskStore((s) => s.kiosk?.journey?.scan ?? null);
  const [level, setLevel] = useState<number | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const name = (n: { zh: string; en: string }) => (language === 'en' ? n.en : n.zh);
  // The footer's 返回 from the levels: choose another subject; from the choice, home.
  useBackAction(view.subject === null ? null : () => showEvaluationsView({ ...view, subject: null }));

  const visitSeq = scan?.kind === 'visit' ? scan.seq : null;
  useEffect(() => {
    if (scan?.kind === 'visit') {
      showEvaluationsView({
        ...view,
        subject: { kind: 'visit', ticketId: scan.ticketId, label: t('rate.visit') },
      });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [visitSeq]);

  if (view.subject === null) {
    return (
      <section className="screen rate" data-testid="rate-screen">
        <Prompt text={t('rate.chooseSubject')} />
        <p>{t('rate.scanTicket')}</p>
        {view.cases !== null && view.cases.length > 0 && (
          <div className="category-grid">
            {view.cases.map((c) => (
              <button
                key={c.caseId}
                type="button"
                className="tile"
                data-testid={`rate-case-${c.caseNumber}`}
                onClick={() =>
                  showEvaluationsView({
                    ...view,
                    subject: { kind: 'case', caseId: c.caseId, label: `${name(c.itemName)} ${c.caseNumber}` },
                  })
                }
              >
                <span className="tile-title">{name(c.itemName)}</span>
                <span className="tile-hint">{c.caseNumber}</span>
              </button>
            ))}
          </div>
        )}
        <JourneyFooter error={error} busy={busy} />
      </section>
    );
  }

  const indicators = view.indicators?.[view.subject.kind] ?? null;
  const poor = level !== null && level <= 2;
  const offered =
    indicators === null || level === null ? [] : poor ? indicators.negative : indicators.positive;
  const subject: RateSubject = view.subject;
  const submit = () =>
    submitRating({
      subject:
        subject.kind === 'case'
          ? { kind: 'case', caseId: subject.caseId }
          : { kind: 'visit', ticketId: subject.ticketId },
      level: level!,
      indicators: chosen.filter((c) => offered.some((o) => o.code === c)),
    });

  return (
    <section className="screen rate" data-testid="rate-levels">
      <Prompt text={t('rate.title')} />
      <p data-testid="rate-subject">{view.subject.label}</p>
      {indicators && (
        <p className="tile-hint" data-testid="rate-channel">
          {t(`appointmentsSection.rateChannel.${indicators.channel}`)}
        </p>
      )}
      <div className="button-row" role="group" aria-label={t('rate.title')}>
        {(indicators?.levels ?? []).map((l) => (
          <button
            key={l.level}
            type="button"
            className="btn btn-toggle"
            aria-pressed={l.level === level}
            data-testid={`rate-level-${l.level}`}
            onClick={() => {
              setLevel(l.level);
              setChosen([]);
            }}
          >
            {name(l.name)}
          </button>
        ))}
      </div>
      {level !== null && <p>{poor ? t('rate.whyPoor') : t('rate.whatGood')}</p>}
      <div className="button-row" role="group" aria-label={poor ? t('rate.whyPoor') : t('rate.whatGood')}>
        {offered.map((o) => (
          <button
            key={o.code}
            type="button"
            className="btn btn-toggle"
            aria-pressed={chosen.includes(o.code)}
            data-testid={`indicator-${o.code}`}
            onClick={() =>
              setChosen((c) => (c.includes(o.code) ? c.filter((x) => x !== o.code) : [...c, o.code]))
            }
          >
            {name(o.name)}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="btn btn-primary"
        data-testid="rate-submit"
        disabled={level === null || (poor && chosen.length === 0)}
        onClick={submit}
      >
        {t('rate.submit')}
      </button>
      <JourneyFooter error={error} busy={busy} />
    </section>
  );
}

function RatedScreen({ view }: { view: Extract<EvaluationsView, { name: 'rated' }> }) {
  const { t } = useTranslation();
  const r = view.result;
  return (
    <section className="screen rated" data-testid="rated-screen">
      <Prompt text={t('rate.thanks')} />
      {r.delivery === 'queued' && <p data-testid="rate-queued">{t('rate.queued')}</p>}
      {r.poor && (
        <p className="alert" role="status" data-testid="rate-follow-up">
          {r.followUpDeadline ? t('rate.followUp', { date: r.followUpDeadline }) : t('rate.followUpLater')}
        </p>
      )}
    </section>
  );
}
