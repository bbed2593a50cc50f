import { useEffect, useRef } from 'react';
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

/** Marks a control voice does not read as a choice (the voice switch itself). */
export const VOICE_SKIP = 'data-voice-skip';

/**
 * The choices of the screen around `heading`, in the order they are on screen: each button's
 * title (a tile's title, not its hint), as written. Read from the page rather than passed in so
 * that every screen's options are read without each screen listing them, and voice can never say
 * a choice that is not there.
 */
export function screenOptions(heading: HTMLElement): string[] {
  const screen = heading.closest('.screen') ?? heading.parentElement;
  if (!screen) return [];
  const labels: string[] = [];
  for (const el of screen.querySelectorAll<HTMLElement>('button, [role="button"], a[href]')) {
    if (el.hasAttribute(VOICE_SKIP) || el.closest(`[${VOICE_SKIP}]`)) continue;
    if (el instanceof HTMLButtonElement && el.disabled) continue;
    const label = (el.querySelector('.tile-title')?.textContent ?? el.textContent ?? '').trim();
    if (label && !labels.includes(label)) labels.push(label);
  }
  return labels;
}

/** The title, then its choices, with the pauses of the language (Chinese 。 and ，). */
export function spokenScreen(title: string, options: readonly string[], language: string): string {
  if (options.length === 0) return title;
  const zh = !language.startsWith('en');
  return zh ? `${title}。${options.join('，')}` : `${title}. ${options.join(', ')}`;
}

/**
 * The screen's title; with voice guidance on it is read aloud with the screen's choices (the
 * text stays on screen), and again when the choices change (a list that arrives after the title).
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
  const on = useKioskStore((s) => s.voice);
  const language = useKioskStore((s) => s.language);
  const ref = useRef<HTMLHeadingElement>(null);
  const title = spoken ?? text;

  useEffect(() => {
    const heading = ref.current;
    if (!on || !title || !heading) return;
    let said = '';
    const say = (): void => {
      const next = spokenScreen(title, screenOptions(heading), language);
      if (next === said) return;
      said = next;
      voice().speak(next, language);
    };
    say();
    const screen = heading.closest('.screen') ?? heading.parentElement;
    if (!screen || typeof MutationObserver === 'undefined') return;
    const observer = new MutationObserver(say);
    observer.observe(screen, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [on, title, language]);

  return (
    <h1 ref={ref} className={className} data-testid={testId}>
      {text}
    </h1>
  );
}
