import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/client';

/** A journey's error in the citizen's words: its reason when the journey names one, else its code. */
export function JourneyError({ error }: { error: ApiError | null }) {
  const { t } = useTranslation();
  if (error === null) return null;
  const text = error.reason
    ? t(`journeyErrors.${error.reason}`, { defaultValue: t(`errors.${error.code}`) })
    : t(`errors.${error.code}`);
  return (
    <p className="alert" role="alert" data-testid="journey-error">
      {text}
    </p>
  );
}

/** Progress while the journey waits for the backend (`busy` from the journey's own store). */
export function Busy({ busy }: { busy: boolean }) {
  const { t } = useTranslation();
  if (!busy) return null;
  return (
    <p className="progress" role="status" aria-live="polite" data-testid="journey-busy">
      <span className="spinner" aria-hidden="true" />
      {t('journey.wait')}
    </p>
  );
}

/**
 * The end of every journey screen: progress while waiting and the error if any. The way home is
 * the kiosk's fixed footer (NavFooter), the same on every screen.
 */
export function JourneyFooter({ error, busy }: { error: ApiError | null; busy: boolean }) {
  return (
    <>
      <Busy busy={busy} />
      <JourneyError error={error} />
    </>
  );
}
