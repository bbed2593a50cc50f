import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MaintenanceError } from './maintenanceApi';
import { closeMaintenance, maintenanceApi, openSession } from './maintenanceStore';

const MAX_DIGITS = 12;
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

function timeOf(iso: string): string {
  return new Date(iso).toLocaleTimeString('zh-CN', { hour12: false });
}

/** The PIN pad: digits shown as dots, the backend checks the PIN and applies the lock-out. */
export function PinPad() {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<MaintenanceError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (busy || pin.length === 0) return;
    setBusy(true);
    const r = await maintenanceApi.login(pin);
    setBusy(false);
    setPin('');
    if (r.ok) openSession(r.value.token, r.value.idleExitSeconds);
    else setError(r.error);
  };

  const message = (e: MaintenanceError): string => {
    switch (e.code) {
      case 'wrong-pin':
        return t('maintenance.wrongPin', { left: e.attemptsLeft ?? 0 });
      case 'locked':
        return t('maintenance.locked', { time: e.retryAt ? timeOf(e.retryAt) : '' });
      case 'no-pin':
        return t('maintenance.noPin');
      default:
        return t('maintenance.failed', { detail: e.detail ?? e.code });
    }
  };

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
