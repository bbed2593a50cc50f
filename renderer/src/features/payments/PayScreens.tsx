import { useTranslation } from 'react-i18next';
import { useKioskStore } from '../../state/kioskStore';
import { yuan } from '../../../../domain/money';
import { Busy, JourneyError } from '../../components/JourneyFooter';
import { LIST_PAGE_SIZE, Pager } from '../../components/Pager';
import { Prompt } from '../../components/Prompt';
import { useLeaveAction } from '../../components/navigation';
import { QrImage } from '../../components/QrImage';
import { leavePayment, pay } from './paymentsActions';
import { usePaymentsStore, type PaymentsView } from './paymentsStore';

/** The payments journey: the screen of the view its store has open. */
export function PaymentsScreen() {
  const view = usePaymentsStore((s) => s.view);
  // Leaving by the footer: the backend is told first, so an order the central has not made yet is
  // withdrawn (nobody will pay it) and the payment on screen stops being polled.
  useLeaveAction(leavePayment);
  switch (view.name) {
    case 'orders':
      return <OrdersScreen view={view} />;
    case 'pay':
      return <PayScreen view={view} />;
  }
}

/** 缴费: the citizen's unpaid orders. */
function OrdersScreen({ view }: { view: Extract<PaymentsView, { name: 'orders' }> }) {
  const { t } = useTranslation();
  const language = useKioskStore((s) => s.language);
  const error = usePaymentsStore((s) => s.error);
  const busy = usePaymentsStore((s) => s.busy);
  const loaded = view.orders !== null;
  return (
    <section
      className="screen orders"
      data-testid="orders-screen"
      data-state={loaded ? 'loaded' : error ? 'failed' : 'loading'}
    >
      <Prompt text={t('pay.title')} />
      {view.orders !== null && view.orders.length === 0 && (
        <p role="status" data-testid="orders-empty">
          {t('pay.none')}
        </p>
      )}
      {view.orders !== null && (
        <Pager items={view.orders} pageSize={LIST_PAGE_SIZE} testId="orders-pager">
          {(page) => (
            <div className="category-grid">
              {page.map((o) => (
                <button
                  key={o.caseId}
                  type="button"
                  className="tile"
                  data-testid={`order-${o.caseNumber}`}
                  disabled={busy}
                  onClick={() => pay(o.caseId)}
                >
                  <span className="tile-title">¥{yuan(o.amountFen)}</span>
                  <span className="tile-hint">
                    {language === 'en' ? o.itemName.en : o.itemName.zh} · {o.caseNumber}
                  </span>
                </button>
              ))}
            </div>
          )}
        </Pager>
      )}
      {busy && loaded ? (
        // Creating the order: the backend waits (bounded) for the central's acknowledgement.
        <p className="progress" role="status" aria-live="polite" data-testid="pay-creating">
          <span className="spinner" aria-hidden="true" />
          {t('pay.creating')}
        </p>
      ) : (
        <Busy busy={busy} />
      )}
      <JourneyError error={error} />
    </section>
  );
}

/** The payment QR code and the live wait; paid → the e-receipt is printed by the backend. */
function PayScreen({ view }: { view: Extract<PaymentsView, { name: 'pay' }> }) {
  const { t } = useTranslation();
  const language = useKioskStore((s) => s.language);
  // The backend polls the central; each change arrives as a new /api/state.
  const live = useKioskStore((s) => s.kiosk?.journey?.payment ?? null);
  const p = live && live.paymentId === view.payment.paymentId ? live : view.payment;
  const item = language === 'en' ? p.itemName.en : p.itemName.zh;

  if (p.status === 'paid') {
    const receipt = p.receiptPrinted === null ? 'printing' : p.receiptPrinted ? 'printed' : 'not-printed';
    return (
      <section className="screen paid" data-testid="paid-screen" data-receipt={receipt}>
        <Prompt text={t('pay.paid')} />
        <p>{t('pay.amount', { item, amount: yuan(p.amountFen) })}</p>
        <p data-testid="receipt-no">{t('pay.receiptNo', { number: p.receiptNo ?? '-' })}</p>
        {p.receiptPrinted === null && (
          <p className="progress" role="status">
            {t('pay.printing')}
          </p>
        )}
        {p.receiptPrinted === true && <p data-testid="receipt-printed">{t('pay.receiptPrinted')}</p>}
        {p.receiptPrinted === false && (
          <p className="alert" role="alert" data-testid="receipt-not-printed">
            {t('pay.receiptNotPrinted')}
          </p>
        )}
      </section>
    );
  }
  if (p.status === 'expired') {
    return (
      <section className="screen pay" data-testid="pay-expired">
        <Prompt text={t('pay.expired')} />
      </section>
    );
  }
  return (
    <section className="screen pay" data-testid="pay-screen" data-payment-id={p.paymentId}>
      <Prompt text={t('pay.scan')} />
      <p>{t('pay.amount', { item, amount: yuan(p.amountFen) })}</p>
      <QrImage data={p.qrPayload} label={t('pay.qrLabel')} testId="pay-qr" />
      <p className="progress" role="status" aria-live="polite" data-testid="pay-waiting">
        <span className="spinner" aria-hidden="true" />
        {t('pay.waiting')}
      </p>
    </section>
  );
}
