import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hallDate } from '../../../../domain/hall-time';
import { useKioskStore } from '../../state/kioskStore';
import { errorMessage } from '../../components/errorMessage';
import { JourneyFooter } from '../../components/JourneyFooter';
import { useBackAction } from '../../components/navigation';
import { OnScreenKeyboard } from '../../components/OnScreenKeyboard';
import { Prompt } from '../../components/Prompt';
import { QrImage } from '../../components/QrImage';
import { book, checkIn, openCheckIn, pickDay, startBooking } from './appointmentsActions';
import { showAppointmentsView, useAppointmentsStore, type AppointmentsView } from './appointmentsStore';

/** The appointments journey: the screen of the view its store has open. */
export function AppointmentsScreen() {
  const view = useAppointmentsStore((s) => s.view);
  useBackAction(backFrom(view));
  switch (view.name) {
    case 'menu':
      return <AppointmentsMenu />;
    case 'book':
      return <BookScreen view={view} />;
    case 'booked':
      return <BookedScreen view={view} />;
    case 'check-in':
      return <CheckInScreen view={view} />;
    case 'checked-in':
      return <CheckedInScreen view={view} />;
    case 'qr-check-in':
      return <QrCheckInScreen view={view} />;
  }
}

/**
 * The footer's 返回 in the appointments journey: from a day's slots to the categories, from
 * choosing or checking in to the menu; from the menu or a finished booking or check-in, home.
 */
function backFrom(view: AppointmentsView): (() => void) | null {
  if (view.name === 'book' && view.category !== null) {
    return () => showAppointmentsView({ name: 'book', category: null, date: null, dates: [], slots: null });
  }
  if (view.name === 'book' || view.name === 'check-in') return () => showAppointmentsView({ name: 'menu' });
  return null;
}

/** 预约: book a slot, or check in for one (by card, typed code or scanned code). */
function AppointmentsMenu() {
  const { t } = useTranslation();
  return (
    <section className="screen appointments" data-testid="appointments-screen">
      <Prompt text={t('appointments.title')} />
      <div className="category-grid">
        <button type="button" className="tile" data-testid="appointments-book" onClick={startBooking}>
          <span className="tile-title">{t('appointments.book')}</span>
          <span className="tile-hint">{t('appointments.bookHint')}</span>
        </button>
        <button type="button" className="tile" data-testid="appointments-check-in" onClick={openCheckIn}>
          <span className="tile-title">{t('appointments.checkIn')}</span>
          <span className="tile-hint">{t('appointments.checkInHint')}</span>
        </button>
      </div>
    </section>
  );
}

function BookScreen({ view }: { view: Extract<AppointmentsView, { name: 'book' }> }) {
  const { t } = useTranslation();
  const categories = useKioskStore((s) => s.categories);
  const language = useKioskStore((s) => s.language);
  const error = useAppointmentsStore((s) => s.error);
  const busy = useAppointmentsStore((s) => s.busy);

  return (
    <section className="screen book" data-testid="book-screen">
      <Prompt
        text={view.category === null ? t('appointments.chooseCategory') : t('appointments.chooseSlot')}
      />
      {view.category === null && categories.status === 'loaded' && (
        <div className="category-grid">
          {categories.categories.map((c) => (
            <button
              key={c.code}
              type="button"
              className="tile category"
              data-testid={`book-category-${c.code}`}
              onClick={() => pickDay(c.code, hallDate(Date.now()))}
            >
              <span className="tile-title">{language === 'en' ? c.name.en : c.name.zh}</span>
            </button>
          ))}
        </div>
      )}
      {view.category !== null && view.dates.length > 0 && (
        <div className="button-row" role="group" aria-label={t('appointments.date')}>
          {view.dates.map((d) => (
            <button
              key={d}
              type="button"
              className="btn btn-toggle"
              aria-pressed={d === view.date}
              data-testid={`book-date-${d}`}
              onClick={() => pickDay(view.category!, d)}
            >
              {d.slice(5)}
            </button>
          ))}
        </div>
      )}
      {view.slots !== null && view.slots.length === 0 && <p role="status">{t('appointments.noSlots')}</p>}
      {view.slots !== null && (
        <div className="slot-grid">
          {view.slots.map((s) => (
            <button
              key={s.slotId}
              type="button"
              className="btn"
              disabled={s.available === 0}
              data-testid={`slot-${s.startTime}`}
              onClick={() => book(s.slotId)}
            >
              {s.startTime}–{s.endTime} · {t('appointments.available', { count: s.available })}
            </button>
          ))}
        </div>
      )}
      <JourneyFooter error={error} busy={busy} />
    </section>
  );
}

function BookedScreen({ view }: { view: Extract<AppointmentsView, { name: 'booked' }> }) {
  const { t } = useTranslation();
  const a = view.appointment;
  return (
    <section className="screen booked" data-testid="booked-screen">
      <Prompt text={t('appointments.booked')} />
      <p className="ticket-number" data-testid="appointment-code">
        {a.code}
      </p>
      <p>{t('appointments.when', { date: a.serviceDate, start: a.startTime, end: a.endTime })}</p>
      <QrImage data={a.qrPayload} label={t('appointments.qrLabel')} testId="appointment-qr" />
      <p>{t('appointments.bookedHint')}</p>
      <p className="take-away" data-testid="booking-slip">
        {a.printed ? t('appointmentsSection.slipPrinted') : t('appointmentsSection.slipNotPrinted')}
      </p>
    </section>
  );
}

function CheckInScreen({ view }: { view: Extract<AppointmentsView, { name: 'check-in' }> }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const error = useAppointmentsStore((s) => s.error);
  const busy = useAppointmentsStore((s) => s.busy);
  const scan = useKioskStore((s) => s.kiosk?.journey?.scan ?? null);

  // A scanned appointment code checks in at once.
  const scanSeq = scan?.kind === 'appointment' ? scan.seq : null;
  useEffect(() => {
    if (scan?.kind === 'appointment') checkIn(scan.code);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scanSeq]);

  return (
    <section className="screen check-in" data-testid="check-in-screen">
      <Prompt text={t('appointments.checkInTitle')} />
      <p>{t('appointments.scanHint')}</p>
      {view.today !== null && view.today.length > 0 && (
        <div className="category-grid">
          {view.today.map((a) => (
            <button
              key={a.code}
              type="button"
              className="tile"
              data-testid={`check-in-${a.code}`}
              onClick={() => checkIn(a.code)}
            >
              <span className="tile-title">{t('appointments.todayAt', { time: a.startTime })}</span>
              <span className="tile-hint">{a.code}</span>
            </button>
          ))}
        </div>
      )}
      <p>{t('appointments.typeCode')}</p>
      <p className="id-input" aria-live="polite" data-testid="code-input">
        {code || '—'}
      </p>
      <OnScreenKeyboard layout="code" value={code} maxLength={8} onChange={setCode} />
      <button
        type="button"
        className="btn btn-primary"
        data-testid="code-submit"
        disabled={code.length !== 8}
        onClick={() => checkIn(code)}
      >
        {t('appointments.checkInSubmit')}
      </button>
      <JourneyFooter error={error} busy={busy} />
    </section>
  );
}

function CheckedInScreen({ view }: { view: Extract<AppointmentsView, { name: 'checked-in' }> }) {
  const { t } = useTranslation();
  const { ticket, error } = view;
  return (
    <section className="screen ticket" data-testid="checked-in-screen">
      {error ? (
        <p className="alert alert-large" role="alert" data-testid="error-message">
          {errorMessage(t, error)}
        </p>
      ) : (
        <Prompt text={t('appointments.checkedIn')} />
      )}
      <div className="ticket-card">
        <p className="ticket-label">{t('ticket.number')}</p>
        <p className="ticket-number" data-testid="ticket-number">
          {ticket.number}
        </p>
        <p className="green-channel" data-testid="appointment-priority">
          {t('appointmentsSection.priorityReason')}
        </p>
        <p className="ticket-line">{t('ticket.ahead', { count: ticket.waitingAhead })}</p>
        <p className="ticket-void">{t('ticket.void')}</p>
      </div>
      {!ticket.printed && ticket.followUrl && (
        <>
          <p>{t('appointments.followQr')}</p>
          <QrImage data={ticket.followUrl} label={t('appointments.followQr')} testId="follow-qr" />
        </>
      )}
      <p className="take-away">{ticket.printed ? t('ticket.takeAway') : t('ticket.takeCard')}</p>
    </section>
  );
}

/**
 * The answer to a booking's QR code scanned on the home screen: the priority ticket, or why the
 * booking was not checked in (expired, another hall's, unknown). Nobody is identified: the card
 * was never needed, so the slip alone is to be taken.
 */
function QrCheckInScreen({ view }: { view: Extract<AppointmentsView, { name: 'qr-check-in' }> }) {
  const { t } = useTranslation();
  const busy = useAppointmentsStore((s) => s.busy);
  const { ticket, error } = view;
  return (
    <section className="screen ticket" data-testid="qr-check-in-screen">
      {busy && <Prompt text={t('appointmentsSection.qrCheckingIn')} />}
      {!busy && error && (
        <>
          <Prompt text={t('appointmentsSection.qrFailed')} />
          <p className="alert alert-large" role="alert" data-testid="error-message">
            {errorMessage(t, error)}
          </p>
        </>
      )}
      {!busy && !error && ticket && <Prompt text={t('appointmentsSection.qrCheckedIn')} />}
      {ticket && (
        <div className="ticket-card">
          <p className="ticket-label">{t('ticket.number')}</p>
          <p className="ticket-number" data-testid="ticket-number">
            {ticket.number}
          </p>
          <p className="green-channel" data-testid="appointment-priority">
            {t('appointmentsSection.priorityReason')}
          </p>
          <p className="ticket-line">{t('ticket.ahead', { count: ticket.waitingAhead })}</p>
          <p className="ticket-void">{t('ticket.void')}</p>
          {ticket.printed && <p className="take-away">{t('appointmentsSection.takeTicket')}</p>}
        </div>
      )}
      {ticket && !ticket.printed && ticket.followUrl && (
        <QrImage data={ticket.followUrl} label={t('appointments.followQr')} testId="follow-qr" />
      )}
    </section>
  );
}
