import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hallDate } from '../../../../domain/hall-time';
import { loadCategories } from '../../state/actions';
import { useKioskStore } from '../../state/kioskStore';
import { errorMessage } from '../../components/errorMessage';
import { journeyApi } from '../../screens/journeys/journeyApi';
import { run, setJourneyView, useJourneyStore, type JourneyView } from '../../screens/journeys/journeyStore';
import { BackHome, JourneyFooter, Prompt, QrImage } from '../../components/parts';
import { OnScreenKeyboard } from '../../components/OnScreenKeyboard';

/** 预约: book a slot, or check in for one (by card, typed code or scanned code). */
export function AppointmentsMenu() {
  const { t } = useTranslation();
  return (
    <section className="screen appointments" data-testid="appointments-screen">
      <Prompt text={t('appointments.title')} />
      <div className="category-grid">
        <button
          type="button"
          className="tile"
          data-testid="appointments-book"
          onClick={() => {
            setJourneyView({ name: 'book', category: null, date: null, dates: [], slots: null });
            void loadCategories();
          }}
        >
          <span className="tile-title">{t('appointments.book')}</span>
          <span className="tile-hint">{t('appointments.bookHint')}</span>
        </button>
        <button
          type="button"
          className="tile"
          data-testid="appointments-check-in"
          onClick={() => openCheckIn()}
        >
          <span className="tile-title">{t('appointments.checkIn')}</span>
          <span className="tile-hint">{t('appointments.checkInHint')}</span>
        </button>
      </div>
      <BackHome />
    </section>
  );
}

function openCheckIn(): void {
  setJourneyView({ name: 'check-in', today: null });
  void run(journeyApi.today, (v) => setJourneyView({ name: 'check-in', today: v.appointments }));
}

export function BookScreen({ view }: { view: Extract<JourneyView, { name: 'book' }> }) {
  const { t } = useTranslation();
  const categories = useKioskStore((s) => s.categories);
  const language = useKioskStore((s) => s.language);
  const error = useJourneyStore((s) => s.error);

  const pick = (category: string, date: string) => {
    setJourneyView({ ...view, category, date, slots: null });
    void run(
      () => journeyApi.slots(category, date),
      (v) => setJourneyView({ name: 'book', category, date, dates: v.dates, slots: v.slots }),
    );
  };

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
              onClick={() => pick(c.code, hallDate(Date.now()))}
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
              onClick={() => pick(view.category!, d)}
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
              onClick={() =>
                void run(
                  () => journeyApi.book(s.slotId),
                  (v) => setJourneyView({ name: 'booked', appointment: v.appointment }),
                )
              }
            >
              {s.startTime}–{s.endTime} · {t('appointments.available', { count: s.available })}
            </button>
          ))}
        </div>
      )}
      <JourneyFooter error={error} />
    </section>
  );
}

export function BookedScreen({ view }: { view: Extract<JourneyView, { name: 'booked' }> }) {
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
      <BackHome />
    </section>
  );
}

export function CheckInScreen({ view }: { view: Extract<JourneyView, { name: 'check-in' }> }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const error = useJourneyStore((s) => s.error);
  const scan = useKioskStore((s) => s.kiosk?.journey?.scan ?? null);

  const checkIn = (c: string) =>
    void run(
      () => journeyApi.checkIn(c),
      (v) => setJourneyView({ name: 'checked-in', ticket: v.ticket, error: null }),
    ).then(() => {
      const e = useJourneyStore.getState().error;
      if (e?.ticket) setJourneyView({ name: 'checked-in', ticket: e.ticket, error: e });
    });

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
      <JourneyFooter error={error} />
    </section>
  );
}

export function CheckedInScreen({ view }: { view: Extract<JourneyView, { name: 'checked-in' }> }) {
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
        <p className="green-channel">{t('ticket.priority.appointment')}</p>
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
      <BackHome />
    </section>
  );
}
