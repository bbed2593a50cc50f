import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import type { TFunction } from 'i18next';
import { useDeps } from '../../deps';
import { showStaffMessage, useKioskStore } from '../../state/kioskStore';
import { staffCallApi } from './staffCallApi';

/** The time since the call ticks once a second. */
const TICK_MS = 1_000;

interface CallUi {
  /** When this screen raised the call (its own clock, so the count never depends on the backend's). */
  calledAt: number | null;
  /** The call could not be raised at all (the backend refused): the desk is the way to help. */
  failed: boolean;
}
export const useStaffCallUi = create<CallUi>()(() => ({ calledAt: null, failed: false }));

export function waitedText(t: TFunction, ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return t('staffCall.waited', {
    time: m > 0 ? t('staffCall.minutesSeconds', { m, s }) : t('staffCall.seconds', { s }),
  });
}

/**
 * 帮办代办: the way to a person, on every screen. The tap raises a call to the hall's staff with the
 * screen the citizen is on (nothing about who they are); the dialog then says how far help has come.
 */
export function CallStaffButton() {
  const { t } = useTranslation();
  const { scheduler } = useDeps();
  const screen = useKioskStore((s) => s.screen);
  const called = useKioskStore((s) => s.kiosk?.staffCall != null && s.kiosk.staffCall.status !== 'closed');
  return (
    <button
      type="button"
      className="btn btn-staff"
      data-testid="call-staff"
      aria-pressed={called}
      onClick={() => {
        showStaffMessage(true);
        if (called) return;
        useStaffCallUi.setState({ calledAt: scheduler.now(), failed: false });
        void staffCallApi.call({ body: { step: screen } }).then((r) => {
          if (!r.ok) useStaffCallUi.setState({ failed: true });
        });
      }}
    >
      {called ? t('staffCall.called') : t('staff.call')}
    </button>
  );
}

/** The call's dialog: notified (with the time since), offline, taken (by whom), done; cancel or carry on. */
export function StaffMessage() {
  const { t } = useTranslation();
  const { scheduler } = useDeps();
  const open = useKioskStore((s) => s.staffMessage);
  const call = useKioskStore((s) => s.kiosk?.staffCall ?? null);
  const offline = useKioskStore((s) => s.connection === 'offline' || s.kiosk?.sync?.online === false);
  const epoch = useKioskStore((s) => s.sessionEpoch);
  const [now, setNow] = useState(() => scheduler.now());
  const firstEpoch = useRef(epoch);
  const { calledAt, failed: callFailed } = useStaffCallUi();

  // The call ends with the session: a new session (idle, finish, card taken) withdraws it.
  useEffect(() => {
    if (epoch === firstEpoch.current) return;
    firstEpoch.current = epoch;
    useStaffCallUi.setState({ calledAt: null, failed: false });
    if (useKioskStore.getState().kiosk?.staffCall) void staffCallApi.cancel();
  }, [epoch]);

  const waiting = open && call !== null && call.status === 'open';
  useEffect(() => {
    if (!waiting) return;
    let timer = scheduler.setTimeout(function tick() {
      setNow(scheduler.now());
      timer = scheduler.setTimeout(tick, TICK_MS);
    }, TICK_MS);
    setNow(scheduler.now());
    return () => scheduler.clearTimeout(timer);
  }, [waiting, scheduler]);

  if (!open) return null;
  let text: string;
  if (call === null) text = callFailed ? t('staff.message') : t('staffCall.calling');
  else if (call.status === 'closed') text = t('staffCall.closed');
  else if (call.status === 'taken')
    text = call.takenBy ? t('staffCall.takenBy', { name: call.takenBy }) : t('staffCall.taken');
  else if (!call.delivered && offline) text = t('staffCall.offline');
  else text = call.escalated ? t('staffCall.escalated') : t('staffCall.notified');
  const live = call !== null && call.status !== 'closed';

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="staff-message-text">
      <div className="dialog">
        <p
          id="staff-message-text"
          className="dialog-text"
          role="status"
          data-testid="staff-message"
          data-status={call?.status ?? (callFailed ? 'failed' : 'calling')}
        >
          {text}
        </p>
        {call?.status === 'open' && calledAt !== null && (
          <p className="progress" data-testid="staff-call-waited">
            {waitedText(t, now - calledAt)}
          </p>
        )}
        {live && (
          <button
            type="button"
            className="btn btn-secondary"
            data-testid="staff-call-cancel"
            onClick={() => {
              useStaffCallUi.setState({ calledAt: null });
              showStaffMessage(false);
              void staffCallApi.cancel();
            }}
          >
            {t('staffCall.cancel')}
          </button>
        )}
        <button
          type="button"
          className="btn btn-primary"
          data-testid="staff-message-close"
          onClick={() => showStaffMessage(false)}
        >
          {live ? t('staffCall.hide') : t('staffCall.done')}
        </button>
      </div>
    </div>
  );
}
