import { useEffect } from 'react';
import { useKioskStore } from '../state/kioskStore';
import { voice } from '../voice/voice';

/**
 * Reads `text` aloud while voice guidance is on, and again when it changes. Only text that is on
 * the screen as well may be passed: voice repeats what is written, it never says anything else.
 */
export function useSpoken(text: string | null): void {
  const on = useKioskStore((s) => s.voice);
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
