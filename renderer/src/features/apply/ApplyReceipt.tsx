import { useEffect } from 'react';
import { yuan } from '../../../../domain/money';
import { useTranslation } from 'react-i18next';
import { useKioskStore } from '../../state/kioskStore';
import { Prompt } from '../../components/Prompt';
import { QrImage } from '../../components/QrImage';
import { refreshReceipt } from './applyActions';
import { WhereLine } from './ApplySteps';
import { useApplyStore } from './applyStore';
import { useLocalized } from './localized';

/**
 * The receipt on screen: each case number (or the kiosk's reference while it is still waiting to
 * be sent), the QR code to follow it, what to bring to the window, and whether the paper came out.
 * When the printer failed this is the citizen's copy: it stays until they leave.
 */
export function ApplyReceipt() {
  const { t } = useTranslation();
  const receipt = useApplyStore((s) => s.receipt)!;
  // The fee as the review showed it: the draft the citizen submitted.
  const feeFen = useApplyStore((s) => s.draft?.feeFen ?? null);
  // A bundle's paper is all planned at one window: named once, as on paper.
  const oneWindow = receipt.bundleCode ? receipt.paper[0]?.where : undefined;
  const kiosk = useKioskStore((s) => s.kiosk);
  const L = useLocalized();
  const pending = receipt.cases.some((c) => c.state === 'queued');

  // Every state change from the backend (a case acknowledged, the network back) may carry the number.
  useEffect(() => {
    if (pending) void refreshReceipt();
  }, [kiosk, pending]);

  return (
    <section
      className="apply-receipt"
      data-testid="apply-receipt"
      data-pending={pending}
      data-printed={String(receipt.printed)}
    >
      <Prompt
        text={pending ? t('apply.receipt.titleQueued') : t('apply.receipt.title')}
        testId="apply-title"
      />
      {receipt.printError && (
        <p className="alert alert-large" role="alert" data-testid="apply-not-printed">
          {t('apply.receipt.notPrinted')}
        </p>
      )}
      {pending && (
        <p className="banner" role="status" data-testid="apply-pending">
          {receipt.offline ? t('apply.receipt.offline') : t('apply.receipt.pending')}
        </p>
      )}
      <div className="ticket-card">
        <p className="ticket-line">
          {L(receipt.title)} · <span className="masked">{receipt.maskedName}</span>
        </p>
        <ul className="guide-list">
          {receipt.cases.map((c) => (
            <li key={c.itemCode} data-testid={`apply-case-${c.itemCode}`} data-state={c.state}>
              {receipt.cases.length > 1 && <p className="ticket-line">{L(c.itemName)}</p>}
              <p className="ticket-label">
                {c.caseNumber ? t('apply.receipt.caseNumber') : t('apply.receipt.localRef')}
              </p>
              <p className="apply-case-number" data-testid={`apply-case-number-${c.itemCode}`}>
                {c.caseNumber ?? receipt.localRef}
              </p>
              {c.state === 'rejected' && (
                <p className="alert" role="alert">
                  {t('apply.receipt.rejected')}
                </p>
              )}
            </li>
          ))}
        </ul>
        <p className="ticket-line">{t(`apply.delivery.${receipt.delivery}`)}</p>
        {feeFen !== null && (
          <p className="ticket-line" data-testid="apply-receipt-fee">
            {feeFen === 0 ? t('paper.fee.free') : t('paper.fee.due', { amount: yuan(feeFen) })}
          </p>
        )}
        {oneWindow && (
          <p className="ticket-line" data-testid="apply-receipt-window">
            {t('paper.bundleWindow', { window: `${oneWindow.departmentName}（${oneWindow.queueCategory}）` })}
          </p>
        )}
        <QrImage data={receipt.followUrl} label={t('apply.receipt.scan')} testId="apply-receipt-qr" />
        <p>{t('apply.receipt.scan')}</p>
      </div>
      {receipt.paper.length > 0 && (
        <>
          <h2>{t('apply.receipt.paperTitle')}</h2>
          <ul className="guide-facts" data-testid="apply-receipt-paper">
            {receipt.paper.map((p) => (
              <li key={p.code}>
                <strong>{L(p.name)}</strong> <WhereLine where={p.where} />
              </li>
            ))}
          </ul>
        </>
      )}
      {receipt.printed && (
        <p className="take-away" data-testid="apply-printed">
          {t('apply.receipt.printed')}
        </p>
      )}
    </section>
  );
}
