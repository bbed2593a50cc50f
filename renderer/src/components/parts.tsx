import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/client';
import { goHome, useKioskStore } from '../state/kioskStore';
import { voice } from '../voice/voice';
import { useJourneyStore } from '../screens/journeys/journeyStore';

/** A QR code drawn in the renderer to a data: URL (CSP allows img-src data:). */
export function QrImage({ data, label, testId }: { data: string; label: string; testId?: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void import('qrcode').then((qr) =>
      qr.toDataURL(data, { margin: 1, width: 320, errorCorrectionLevel: 'M' }).then(
        (u) => live && setUrl(u),
        () => live && setUrl(null),
      ),
    );
    return () => {
      live = false;
    };
  }, [data]);
  return url === null ? (
    <p className="progress" role="status">
      …
    </p>
  ) : (
    <img className="qr" src={url} alt={label} width={320} height={320} data-testid={testId} />
  );
}

/**
 * Reads `text` aloud while voice guidance is on, and again when it changes. Only text that is on
 * the screen as well may be passed: voice repeats what is written, it never says anything else.
 */
export function useSpoken(text: string | null): void {
  const on = useJourneyStore((s) => s.voice);
  const language = useKioskStore((s) => s.language);
  useEffect(() => {
    if (on && text) voice().speak(text, language);
  }, [on, text, language]);
}

/**
 * The screen's title; with voice guidance on it is also read aloud (the text stays on screen).
 * `spoken` says more than the title when the screen shows more that matters (a ticket's number).
 */
export function Prompt({
  text,
  testId,
  className,
  spoken,
}: {
  text: string;
  testId?: string;
  className?: string;
  spoken?: string;
}) {
  useSpoken(spoken ?? text);
  return (
    <h1 className={className} data-testid={testId}>
      {text}
    </h1>
  );
}

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

/** Progress while waiting; `busy` is a screen's own flag (journeys with a store of their own), else the journey store's. */
export function Busy({ busy: own }: { busy?: boolean } = {}) {
  const { t } = useTranslation();
  const journeyBusy = useJourneyStore((s) => s.busy);
  const busy = own ?? journeyBusy;
  if (!busy) return null;
  return (
    <p className="progress" role="status" aria-live="polite" data-testid="journey-busy">
      <span className="spinner" aria-hidden="true" />
      {t('journey.wait')}
    </p>
  );
}

export function BackHome() {
  const { t } = useTranslation();
  return (
    <button type="button" className="btn btn-secondary" data-testid="journey-home" onClick={goHome}>
      {t('journey.home')}
    </button>
  );
}

/** The end of every journey screen: progress while waiting, the error if any, the way home. */
export function JourneyFooter({ error, busy }: { error: ApiError | null; busy?: boolean }) {
  return (
    <>
      <Busy busy={busy} />
      <JourneyError error={error} />
      <BackHome />
    </>
  );
}

export function VoiceToggle() {
  const { t } = useTranslation();
  const on = useJourneyStore((s) => s.voice);
  return (
    <button
      type="button"
      className="btn btn-toggle"
      aria-pressed={on}
      data-testid="voice-toggle"
      onClick={() => {
        if (on) voice().cancel();
        useJourneyStore.setState({ voice: !on });
      }}
    >
      {t('journey.voice')}
      <span className="toggle-state">{on ? t('elderly.on') : t('elderly.off')}</span>
    </button>
  );
}
