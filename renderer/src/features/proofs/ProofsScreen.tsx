import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { A4PrinterStateName } from '../../../../electron/backend/proofs/contract';
import { JourneyFooter } from '../../components/JourneyFooter';
import { Prompt } from '../../components/Prompt';
import { useDeps } from '../../deps';
import { i18n, offeredLanguages } from '../../i18n/index';
import { endSession } from '../../state/actions';
import { useKioskStore } from '../../state/kioskStore';
import { backToList, chooseProof, loadProofs, pollJob, printChosen } from './proofsActions';
import { useProofsStore } from './proofsStore';

/** How often the progress line asks how the job is going; the answer itself comes with the print. */
const JOB_POLL_MS = 700;
/** Faults: nothing can be printed until staff act. Warnings (paper or toner low) still print. */
const FAULTS = new Set<A4PrinterStateName>([
  'paper-out',
  'toner-out',
  'jam',
  'cover-open',
  'offline',
  'disconnected',
  'error',
  'none',
]);

function useLocalized(): (text: { zh: string; en: string }) => string {
  const language = useKioskStore((s) => s.language);
  return (text) => (language === 'en' ? text.en : text.zh);
}

/**
 * The printer's fault in plain words, Chinese first and then English when the kiosk offers it,
 * whatever the screen's language (as the card reader's), with what to do about it.
 */
function PrinterFault({ state, testId }: { state: A4PrinterStateName; testId: string }) {
  const languages = useKioskStore((s) => s.kiosk?.languages);
  const english = offeredLanguages(languages).includes('en');
  const zh = i18n.getFixedT('zh-CN');
  const en = i18n.getFixedT('en');
  return (
    <div className="alert alert-large" role="alert" data-testid={testId} data-state={state}>
      <p className="prompt" lang="zh-CN">
        {zh(`proofs.printerState.${state}`)}
      </p>
      <p lang="zh-CN">{zh(`proofs.printerWhat.${state}`)}</p>
      {english && (
        <>
          <p className="prompt-other" lang="en">
            {en(`proofs.printerState.${state}`)}
          </p>
          <p lang="en">{en(`proofs.printerWhat.${state}`)}</p>
        </>
      )}
    </div>
  );
}

const OWN_REASONS = new Set(['needs-network', 'not-printable', 'render-failed', 'needs-card', 'no-printer']);

/** Errors this journey words itself; anything else goes to the journey footer's general message. */
function useFooterError() {
  const error = useProofsStore((s) => s.error);
  return error?.reason !== undefined && OWN_REASONS.has(error.reason) ? null : error;
}

function ProofError() {
  const { t } = useTranslation();
  const error = useProofsStore((s) => s.error);
  if (error?.reason === undefined || !OWN_REASONS.has(error.reason)) return null;
  return (
    <p className="alert" role="alert" data-testid="proofs-error" data-reason={error.reason}>
      {t(`proofs.errors.${error.reason}`)}
    </p>
  );
}

function ProofList() {
  const { t } = useTranslation();
  const name = useLocalized();
  const items = useProofsStore((s) => s.items);
  const printer = useProofsStore((s) => s.printer);
  const busy = useProofsStore((s) => s.busy);
  const footer = useFooterError();
  useEffect(() => {
    void loadProofs();
  }, []);
  return (
    <section className="screen proofs" data-testid="proofs-screen" data-loaded={items !== null}>
      <Prompt text={t('proofs.title')} />
      <p>{t('proofs.intro')}</p>
      {items !== null && FAULTS.has(printer) && (
        <PrinterFault state={printer} testId="proofs-printer-fault" />
      )}
      <ProofError />
      {items !== null && items.length === 0 && (
        <p role="status" data-testid="proofs-empty">
          {t('proofs.empty')}
        </p>
      )}
      {items !== null && items.length > 0 && (
        <ul className="category-grid" data-testid="proofs-list">
          {items.map((item) => (
            <li key={item.itemCode}>
              <button
                type="button"
                className="tile"
                data-testid={`proof-${item.itemCode}`}
                disabled={FAULTS.has(printer)}
                onClick={() => chooseProof(item)}
              >
                <span className="tile-title">{name(item.name)}</span>
                <span className="tile-hint">{t('proofs.department', { name: item.departmentName })}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <JourneyFooter busy={busy} error={footer} />
    </section>
  );
}

function ConfirmProof() {
  const { t } = useTranslation();
  const name = useLocalized();
  const chosen = useProofsStore((s) => s.chosen);
  const busy = useProofsStore((s) => s.busy);
  const footer = useFooterError();
  const holder = useKioskStore((s) => s.kiosk?.citizen?.maskedName ?? '');
  if (!chosen) return null;
  return (
    <section className="screen proofs" data-testid="proofs-confirm">
      <Prompt text={t('proofs.confirmTitle')} />
      <p className="tile-title">{name(chosen.name)}</p>
      <p>
        {t('proofs.confirmFor')}
        <span className="masked" data-testid="proofs-holder">
          {holder}
        </span>
      </p>
      <p>{t('proofs.confirmNote')}</p>
      <ProofError />
      <button
        type="button"
        className="btn btn-primary"
        data-testid="proofs-print"
        disabled={busy}
        onClick={() => void printChosen()}
      >
        {t('proofs.print')}
      </button>
      <button type="button" className="btn btn-secondary" data-testid="proofs-back" onClick={backToList}>
        {t('proofs.back')}
      </button>
      <JourneyFooter busy={false} error={footer} />
    </section>
  );
}

function Printing() {
  const { t } = useTranslation();
  const job = useProofsStore((s) => s.job);
  const { scheduler } = useDeps();
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof scheduler.setTimeout> | undefined;
    const tick = (): void => {
      timer = scheduler.setTimeout(() => {
        void pollJob().then(() => {
          if (!stopped) tick();
        });
      }, JOB_POLL_MS);
    };
    tick();
    return () => {
      stopped = true;
      if (timer) scheduler.clearTimeout(timer);
    };
  }, [scheduler]);
  const phase = job?.phase ?? 'preparing';
  return (
    <section className="screen proofs" data-testid="proofs-printing" data-phase={phase}>
      <Prompt text={phase === 'preparing' ? t('proofs.preparing') : t('proofs.printing')} />
      <p className="progress" role="status" aria-live="polite">
        <span className="spinner" aria-hidden="true" />
        {t('proofs.printingHint')}
      </p>
      {job !== null && job.pagesDone > 0 && <p>{t('proofs.pages', { count: job.pagesDone })}</p>}
    </section>
  );
}

function Printed() {
  const { t } = useTranslation();
  const printed = useProofsStore((s) => s.printed);
  if (!printed) return null;
  return (
    <section className="screen proofs" data-testid="proofs-done">
      <Prompt text={t('proofs.done')} />
      <p>{printed.alreadyPrinted ? t('proofs.already') : t('proofs.doneHint')}</p>
      <p data-testid="proofs-code">{t('proofs.code', { code: printed.verificationCode })}</p>
      <p>{t('proofs.codeHint')}</p>
      <button type="button" className="btn btn-secondary" data-testid="proofs-another" onClick={backToList}>
        {t('proofs.another')}
      </button>
      <button
        type="button"
        className="btn btn-primary"
        data-testid="proofs-finish"
        onClick={() => void endSession()}
      >
        {t('proofs.finish')}
      </button>
    </section>
  );
}

function Stopped() {
  const { t } = useTranslation();
  const printer = useProofsStore((s) => s.printer);
  return (
    <section className="screen proofs" data-testid="proofs-fault">
      <Prompt text={t(`proofs.printerState.${printer}`)} />
      <PrinterFault state={printer} testId="proofs-fault-message" />
      <p>{t('proofs.retryHint')}</p>
      <button
        type="button"
        className="btn btn-primary"
        data-testid="proofs-retry"
        onClick={() => void printChosen()}
      >
        {t('proofs.retry')}
      </button>
      <button type="button" className="btn btn-secondary" data-testid="proofs-back" onClick={backToList}>
        {t('proofs.back')}
      </button>
    </section>
  );
}

/** 打印证明: choose a certificate, confirm, watch it print, take it; a printer fault said plainly. */
export function ProofsScreen() {
  const view = useProofsStore((s) => s.view);
  switch (view) {
    case 'list':
      return <ProofList />;
    case 'confirm':
      return <ConfirmProof />;
    case 'printing':
      return <Printing />;
    case 'done':
      return <Printed />;
    case 'fault':
      return <Stopped />;
  }
}
