import { useTranslation } from 'react-i18next';
import { setVoiceGuidance, useKioskStore } from '../state/kioskStore';
import { voice } from '../voice/voice';

/** Turns voice guidance on or off for this session; turning it off stops what is being said. */
export function VoiceToggle() {
  const { t } = useTranslation();
  const on = useKioskStore((s) => s.voice);
  return (
    <button
      type="button"
      className="btn btn-toggle"
      aria-pressed={on}
      data-testid="voice-toggle"
      // VOICE_SKIP: the switch is not one of the screen's choices, voice does not read it as one.
      data-voice-skip=""
      onClick={() => {
        if (on) voice().cancel();
        setVoiceGuidance(!on);
      }}
    >
      {t('journey.voice')}
      <span className="toggle-state">{on ? t('elderly.on') : t('elderly.off')}</span>
    </button>
  );
}
