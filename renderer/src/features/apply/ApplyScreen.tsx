import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplySelection } from '../../../../electron/backend/apply/contract';
import type { GuideBundleSummary, GuideItemSummary } from '../../../../electron/backend/guide/contract';
import { hallTimeLocalized } from '../../../../domain/hall-time';
import type { ApiError } from '../../api/client';
import { goHome, useKioskStore } from '../../state/kioskStore';
import { JourneyFooter } from '../../components/JourneyFooter';
import { useBackAction } from '../../components/navigation';
import { Prompt } from '../../components/Prompt';
import { OnScreenKeyboard } from '../../components/OnScreenKeyboard';
import { ApplyReceipt } from './ApplyReceipt';
import { choose, loadOffer, typeQuery } from './applyActions';
import { CommitmentsStep, FormStep, MaterialsStep, PickupStep, ReviewStep, canLeave } from './ApplySteps';
import { move, setTab, stepsOf, useApplyStore, type ApplyStep } from './applyStore';
import { useLocalized } from './localized';

/** 申请办事: one step per screen, a step indicator, Back on every step. */
export function ApplyScreen() {
  const { t } = useTranslation();
  const citizen = useKioskStore((s) => s.kiosk?.citizen ?? null);
  const step = useApplyStore((s) => s.step);
  const busy = useApplyStore((s) => s.busy);
  const hasOffer = useApplyStore((s) => s.offer !== null);
  const declared = citizen?.source === 'typed' || citizen?.source === 'qr';
  // The footer's 返回 is the step's 上一步; from the first step (or the receipt), home.
  useBackAction(declared || step === 'receipt' ? null : backOneStep);

  useEffect(() => {
    if (!hasOffer && !declared) void loadOffer();
  }, [hasOffer, declared]);

  if (declared) {
    return (
      <section className="screen apply" data-testid="apply-screen" data-step="card-only">
        <Prompt text={t('apply.title')} testId="apply-title" />
        <p className="alert" role="alert" data-testid="apply-card-only">
          {t('apply.cardOnly')}
        </p>
        <JourneyFooter error={null} busy={false} />
      </section>
    );
  }

  return (
    <section className="screen apply" data-testid="apply-screen" data-step={step} aria-busy={busy}>
      {step !== 'receipt' && <StepIndicator step={step} />}
      <StepBody step={step} />
      <ApplyError />
      {step !== 'receipt' && <StepNav step={step} />}
      <JourneyFooter error={null} busy={busy} />
    </section>
  );
}

function StepBody({ step }: { step: ApplyStep }) {
  switch (step) {
    case 'choose':
      return <ChooseStep />;
    case 'form':
      return <FormStep />;
    case 'materials':
      return <MaterialsStep />;
    case 'commitments':
      return <CommitmentsStep />;
    case 'pickup':
      return <PickupStep />;
    case 'review':
      return <ReviewStep />;
    case 'receipt':
      return <ApplyReceipt />;
  }
}

function StepIndicator({ step }: { step: ApplyStep }) {
  const { t } = useTranslation();
  const draft = useApplyStore((s) => s.draft);
  const steps = stepsOf(draft);
  const n = steps.indexOf(step) + 1;
  return (
    <nav aria-label={t('apply.stepOf', { n, total: steps.length })} data-testid="apply-steps">
      <p className="hint-small">{t('apply.stepOf', { n, total: steps.length })}</p>
      <ol className="apply-steps">
        {steps.map((s, i) => (
          <li
            key={s}
            className={s === step ? 'apply-step apply-step-current' : 'apply-step'}
            aria-current={s === step ? 'step' : undefined}
          >
            <span className="apply-step-number">{i + 1}</span> {t(`apply.steps.${s}`)}
          </li>
        ))}
      </ol>
    </nav>
  );
}

function backOneStep(): void {
  if (move(-1) === 'left') goHome();
}

/** Back on every step (from the first, home); Next where the step is not its own action. */
function StepNav({ step }: { step: ApplyStep }) {
  const { t } = useTranslation();
  const state = useApplyStore();
  const showNext = step !== 'choose' && step !== 'review';
  return (
    <div className="button-row apply-nav">
      <button type="button" className="btn" data-testid="apply-back" onClick={backOneStep}>
        {t('apply.back')}
      </button>
      {showNext && (
        <button
          type="button"
          className="btn btn-primary"
          data-testid="apply-next"
          disabled={state.busy || !canLeave(step, state)}
          onClick={() => move(1)}
        >
          {t('apply.next')}
        </button>
      )}
    </div>
  );
}

function ApplyError() {
  const { t } = useTranslation();
  const error: ApiError | null = useApplyStore((s) => s.error);
  if (error === null) return null;
  const text = error.reason
    ? t(`apply.errors.${error.reason}`, { defaultValue: t(`errors.${error.code}`) })
    : t(`errors.${error.code}`);
  return (
    <p className="alert" role="alert" data-testid="apply-error" data-code={error.code}>
      {text}
    </p>
  );
}

function ChooseStep() {
  const { t } = useTranslation();
  const offer = useApplyStore((s) => s.offer);
  const tab = useApplyStore((s) => s.tab);
  const query = useApplyStore((s) => s.query);
  const results = useApplyStore((s) => s.results);
  const language = useKioskStore((s) => s.language);
  return (
    <>
      <Prompt text={t('apply.choose.prompt')} testId="apply-title" />
      <nav className="guide-tabs" aria-label={t('apply.choose.prompt')}>
        {(['events', 'items', 'search'] as const).map((name) => (
          <button
            key={name}
            type="button"
            className="btn btn-toggle"
            aria-pressed={tab === name}
            data-testid={`apply-tab-${name}`}
            onClick={() => setTab(name)}
          >
            {t(`apply.choose.${name}`)}
          </button>
        ))}
      </nav>
      {offer?.catalogue.fromCache && (
        <p className="banner" role="status" data-testid="apply-cached">
          {t('apply.choose.cached', {
            time: hallTimeLocalized(offer.catalogue.fetchedAt, language),
          })}
        </p>
      )}
      {offer !== null && tab === 'events' && <BundleChoices bundles={offer.bundles} />}
      {offer !== null && tab === 'items' && <ItemChoices items={offer.items} />}
      {tab === 'search' && (
        <>
          <p>{t('apply.choose.searchHint')}</p>
          <p className="id-input" aria-live="polite" data-testid="apply-query">
            <span className="visually-hidden">{t('apply.choose.searchTyped')}</span>
            {query.length === 0 ? t('apply.choose.searchPlaceholder') : query}
          </p>
          <OnScreenKeyboard layout="code" value={query} maxLength={20} onChange={typeQuery} />
          {results !== null && results.bundles.length + results.items.length === 0 && (
            <p role="status" data-testid="apply-no-results">
              {t('apply.choose.noResults')}
            </p>
          )}
          {results !== null && (
            <div data-testid="apply-results" data-query={results.query}>
              <BundleChoices bundles={results.bundles} />
              <ItemChoices items={results.items} />
            </div>
          )}
        </>
      )}
    </>
  );
}

function BundleChoices({ bundles }: { bundles: GuideBundleSummary[] }) {
  const { t } = useTranslation();
  const L = useLocalized();
  return (
    <ul className="guide-list">
      {bundles.map((b) => (
        <li key={b.bundleCode}>
          <ChoiceTile
            selection={{ kind: 'bundle', bundleCode: b.bundleCode }}
            testId={`apply-bundle-${b.bundleCode}`}
            title={L(b.name)}
            hint={t('apply.choose.itemCount', { count: b.itemCount })}
          />
        </li>
      ))}
    </ul>
  );
}

function ItemChoices({ items }: { items: GuideItemSummary[] }) {
  const L = useLocalized();
  return (
    <ul className="guide-list">
      {items.map((i) => (
        <li key={i.itemCode}>
          <ChoiceTile
            selection={{ kind: 'item', itemCode: i.itemCode }}
            testId={`apply-item-${i.itemCode}`}
            title={L(i.name)}
            hint={L(i.departmentName)}
          />
        </li>
      ))}
    </ul>
  );
}

function ChoiceTile({
  selection,
  testId,
  title,
  hint,
}: {
  selection: ApplySelection;
  testId: string;
  title: string;
  hint: string;
}) {
  const busy = useApplyStore((s) => s.busy);
  return (
    <button
      type="button"
      className="tile guide-entry"
      data-testid={testId}
      disabled={busy}
      onClick={() => void choose(selection)}
    >
      <span className="tile-title">{title}</span>
      <span className="tile-hint">{hint}</span>
    </button>
  );
}
