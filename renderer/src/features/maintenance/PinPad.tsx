import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hallClockLocalized } from '../../../../domain/hall-time';
import type { MaintenanceError } from './maintenanceApi';
import { closeMaintenance, maintenanceApi, openSession } from './maintenanceStore';

const MAX_DIGITS = 12;
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * The PIN pad: digits shown as dots, the backend checks the PIN and applies the lock-out. A
 * terminal with no PIN at all says so and how to set one, before anyone types a digit.
 */
export function PinPad() {
  const { t, i18n } = useTranslation();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<MaintenanceError | null>(null);
  const [busy, setBusy] = useState(false);
  const [noPin, setNoPin] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void maintenanceApi.pinStatus().then((r) => {
      if (current && r.ok && !r.value.pinSet) setNoPin(r.value.setPinCommand);
    });
    return () => {
      current = false;
    };
  }, []);

  const submit = async () => {
    if (busy || pin.length === 0) return;
    setBusy(true);
    const r = await maintenanceApi.login(pin);
    setBusy(false);
    setPin('');
    if (r.ok) openSession(r.value.token, r.value.idleExitSeconds);
    else if (r.error.code === 'no-pin') setNoPin(r.error.setPinCommand ?? '');
    else setError(r.error);
  };

  const message = (e: MaintenanceError): string => {
    switch (e.code) {
      case 'wrong-pin':
        return t('maintenance.wrongPin', { left: e.attemptsLeft ?? 0 });
      case 'locked':
        return t('maintenance.locked', {
          time: e.retryAt ? hallClockLocalized(e.retryAt, i18n.language) : '',
        });
      default:
        return t('maintenance.failed', { detail: e.detail ?? e.code });
    }
  };

  if (noPin !== null)
    return (
      <div className="overlay maintenance-pin" role="dialog" aria-modal="true" aria-labelledby="pin-title">
        <div className="dialog pin-pad" data-testid="pin-pad">
          <h2 id="pin-title">{t('maintenance.pinTitle')}</h2>
          <p className="alert" role="alert" data-testid="pin-error" data-code="no-pin">
            {t('maintenance.noPin')}
          </p>
          <p className="dialog-text">{t('maintenance.noPinHow')}</p>
          <pre data-testid="set-pin-command">{noPin}</pre>
          <div className="button-row">
            <button
              type="button"
              className="btn btn-secondary"
              data-testid="pin-cancel"
              onClick={closeMaintenance}
            >
              {t('maintenance.cancel')}
            </button>
          </div>
        </div>
      </div>
    );

  return (
    <div className="overlay maintenance-pin" role="dialog" aria-modal="true" aria-labelledby="pin-title">
      <div className="dialog pin-pad" data-testid="pin-pad">
        <h2 id="pin-title">{t('maintenance.pinTitle')}</h2>
        <p className="dialog-text">{t('maintenance.pinHint')}</p>
        <p className="pin-dots" data-testid="pin-dots" aria-live="polite">
          {'●'.repeat(pin.length) || '\u00a0'}
        </p>
        {error !== null && (
          <p className="alert" role="alert" data-testid="pin-error" data-code={error.code}>
            {message(error)}
          </p>
        )}
        <div className="pin-keys">
          {[...KEYS, 'clear', '0', 'back'].map((k) => (
            <button
              key={k}
              type="button"
              className="btn"
              data-testid={`pin-${k}`}
              disabled={busy}
              onClick={() => {
                if (k === 'clear') setPin('');
                else if (k === 'back') setPin((p) => p.slice(0, -1));
                else setPin((p) => (p.length < MAX_DIGITS ? p + k : p));
              }}
            >
              {k === 'clear' ? t('maintenance.clear') : k === 'back' ? t('maintenance.back') : k}
            </button>
          ))}
        </div>
        <div className="button-row">
          <button
            type="button"
            className="btn btn-secondary"
            data-testid="pin-cancel"
            onClick={closeMaintenance}
          >
            {t('maintenance.cancel')}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="pin-enter"
            disabled={busy || pin.length === 0}
            onClick={() => void submit()}
          >
            {t('maintenance.enter')}
          </button>
        </div>
      </div>
    </div>
  );
}
