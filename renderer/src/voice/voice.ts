/**
 * Voice guidance behind a small interface: the browser's speechSynthesis where it exists, silence
 * otherwise (and in tests). Every spoken prompt is also on screen as text: voice only repeats it.
 */
export interface Voice {
  speak(text: string, language: string): void;
  cancel(): void;
}

export const silentVoice: Voice = { speak: () => undefined, cancel: () => undefined };

export function browserVoice(): Voice {
  const synth = typeof window !== 'undefined' ? window.speechSynthesis : undefined;
  if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return silentVoice;
  return {
    speak(text, language) {
      synth.cancel();
      const u = new SpeechSynthesisUtterance(text);
      u.lang = language;
      u.rate = 0.9; // a little slower than default: many listeners are elderly
      synth.speak(u);
    },
    cancel: () => synth.cancel(),
  };
}

let current: Voice = browserVoice();

/** For tests. */
export function setVoice(voice: Voice): void {
  current = voice;
}

export function voice(): Voice {
  return current;
}
