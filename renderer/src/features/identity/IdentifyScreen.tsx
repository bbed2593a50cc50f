import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { refreshState } from '../../state/actions';
import { journeyApi } from '../../screens/journeys/journeyApi';
import { run } from '../../screens/journeys/journeyStore';
import { BackHome, Busy, JourneyError, Prompt } from '../../components/parts';
import { OnScreenKeyboard } from '../../components/OnScreenKeyboard';
import { goHome } from '../../state/kioskStore';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11643 check character (ISO 7064 MOD 11-2): caught here so a typo is named at once. */
export function idNumberValid(s: string): boolean {
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(s[i]), 0);
  return '10X98765432'[sum % 11] === s[17];
}

/** Typing the ID number on the on-screen keyboard (or scanning the app's QR code: see the hint). */
export function IdentifyScreen() {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const complete = value.length === 18;
  const valid = complete && idNumberValid(value);

  return (
    <section className="screen identify" data-testid="identify-screen">
      <Prompt text={t('identify.title')} />
      <p>{t('identify.hint')}</p>
      <p className="id-input" aria-live="polite" data-testid="id-input">
        <span className="visually-hidden">{t('identify.typed')}</span>
        {value.length === 0 ? t('identify.placeholder') : value.replace(/^(.{6})(.{8})/, '$1 $2 ')}
      </p>
      {complete && !valid && (
        <p className="alert" role="alert" data-testid="id-invalid">
          {t('journeyErrors.invalid-id-number')}
        </p>
      )}
      <OnScreenKeyboard layout="id" value={value} maxLength={18} onChange={setValue} />
      <JourneyError error={null} />
      <IdentifySubmit value={value} valid={valid} />
      <p className="hint-small">{t('identify.limits')}</p>
      <BackHome />
    </section>
  );
}

function IdentifySubmit({ value, valid }: { value: string; valid: boolean }) {
  const { t } = useTranslation();
  const [error, setError] = useState<Parameters<typeof JourneyError>[0]['error']>(null);
  return (
    <>
      <JourneyError error={error} />
      <Busy />
      <button
        type="button"
        className="btn btn-primary"
        data-testid="id-submit"
        disabled={!valid}
        onClick={() =>
          void run(
            async () => {
              const r = await journeyApi.declareId(value);
              if (!r.ok) setError(r.error);
              return r;
            },
            () => {
              goHome();
              void refreshState();
            },
          )
        }
      >
        {t('identify.submit')}
      </button>
    </>
  );
}
