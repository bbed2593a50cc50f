/**
 * Voice guidance behind a small interface. The browser's speechSynthesis speaks when it has a voice
 * for the language (Windows' SAPI voices, macOS); otherwise the kiosk's backend speaks (Chromium on
 * Linux has no voices: the backend uses speech-dispatcher). Every spoken prompt is also on screen
 * as text: voice only repeats it, and a kiosk with no voice at all stays silent without an error.
 */
import { voiceEndpoints } from '../../../electron/backend/voice/contract';
import { endpointClient } from '../api/endpoint-client';

export interface Voice {
  speak(text: string, language: string): void;
  cancel(): void;
}

export const silentVoice: Voice = { speak: () => undefined, cancel: () => undefined };

/** The voices a browser lists for a screen language: `zh-CN` is any Chinese (zh, cmn) voice. */
export function voiceFor(voices: readonly Pick<SpeechSynthesisVoice, 'lang'>[], language: string) {
  const wanted = language.toLowerCase().startsWith('zh')
    ? ['zh', 'cmn']
    : [language.toLowerCase().split('-')[0]!];
  return voices.find((v) => wanted.some((w) => v.lang.toLowerCase().replace('_', '-').split('-')[0] === w));
}

/** The backend's voice: a new utterance cuts off the last one there, as speechSynthesis does here. */
export function backendVoice(): Voice {
  const client = endpointClient(voiceEndpoints);
  return {
    // A failed request is not the citizen's problem: the text is on screen, the backend logs why.
    speak: (text, language) =>
      void client.speak({ body: { text, language: language === 'en' ? 'en' : 'zh-CN' } }),
    cancel: () => void client.cancel(),
  };
}

/** speechSynthesis where it has a voice for the language, else the backend; chosen per utterance. */
export function kioskVoice(): Voice {
  const synth = typeof window !== 'undefined' ? window.speechSynthesis : undefined;
  const hasUtterance = typeof SpeechSynthesisUtterance !== 'undefined';
  const backend = backendVoice();
  let last: 'browser' | 'backend' | null = null;
  return {
    speak(text, language) {
      const browserVoice = synth && hasUtterance ? voiceFor(synth.getVoices(), language) : undefined;
      if (synth && browserVoice) {
        if (last === 'backend') backend.cancel();
        synth.cancel();
        const u = new SpeechSynthesisUtterance(text);
        u.lang = language;
        u.voice = browserVoice as SpeechSynthesisVoice;
        u.rate = 0.9; // a little slower than default: many listeners are elderly
        synth.speak(u);
        last = 'browser';
      } else {
        synth?.cancel();
        backend.speak(text, language);
        last = 'backend';
      }
    },
    cancel() {
      synth?.cancel();
      if (last === 'backend') backend.cancel();
      last = null;
    },
  };
}

let current: Voice = kioskVoice();

/** For tests. */
export function setVoice(voice: Voice): void {
  current = voice;
}

export function voice(): Voice {
  return current;
}
