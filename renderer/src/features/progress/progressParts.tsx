import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/client';
import { useKioskStore } from '../../state/kioskStore';
import { useProgressStore } from './progressStore';

type Localized = { zh: string; en: string };

/** The item's name in the screen's language. */
export function useLocalized(): (text: Localized) => string {
  const language = useKioskStore((s) => s.language);
  return (text) => (language === 'en' ? text.en : text.zh);
}

const PROGRESS_REASONS = new Set(['needs-network', 'not-completed', 'unknown-case']);

/**
 * Errors this journey words itself (offline, no result yet, not found); anything else goes to the
 * journey footer's general message.
 */
export function splitError(error: ApiError | null): { own: ApiError | null; footer: ApiError | null } {
  if (error?.reason !== undefined && PROGRESS_REASONS.has(error.reason)) return { own: error, footer: null };
  return { own: null, footer: error };
}

export function ProgressError({ error }: { error: ApiError | null }) {
  const { t } = useTranslation();
  if (error === null) return null;
  return (
    <p className="alert" role="alert" data-testid={`progress-error-${error.reason}`}>
      {t(`progress.errors.${error.reason}`)}
    </p>
  );
}

/** Said politely, and shown, when one of the citizen's cases moves on while they look. */
export function LiveAnnouncement() {
  const { t } = useTranslation();
  const a = useProgressStore((s) => s.announcement);
  return (
    <p
      className="progress-live"
      role="status"
      aria-live="polite"
      data-testid="progress-live"
      data-seq={a?.seq ?? 0}
      data-case-number={a?.caseNumber ?? ''}
      data-status={a?.status ?? ''}
    >
      {a ? t('progress.live', { number: a.caseNumber, status: t(`progress.status.${a.status}`) }) : ''}
    </p>
  );
}
