import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { validateIdNumber } from '../../../../domain/id-number';
import { Busy, JourneyError } from '../../components/JourneyFooter';
import { OnScreenKeyboard } from '../../components/OnScreenKeyboard';
import { Prompt } from '../../components/Prompt';
import { declareIdNumber } from './identityActions';
import { useIdentityStore } from './identityStore';

/** Typing the ID number on the on-screen keyboard (or scanning the app's QR code: see the hint). */
export function IdentifyScreen() {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const complete = value.length === 18;
  // The check character is checked here too, so a typo is named at once.
  const valid = complete && validateIdNumber(value);

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
    </section>
  );
}

function IdentifySubmit({ value, valid }: { value: string; valid: boolean }) {
  const { t } = useTranslation();
  const error = useIdentityStore((s) => s.error);
  const busy = useIdentityStore((s) => s.busy);
  return (
    <>
      <JourneyError error={error} />
      <Busy busy={busy} />
      <button
        type="button"
        className="btn btn-primary"
        data-testid="id-submit"
        disabled={!valid}
        onClick={() => declareIdNumber(value)}
      >
        {t('identify.submit')}
      </button>
    </>
  );
}
