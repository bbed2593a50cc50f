import { Landmark } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { HallClock } from './HallClock';
import { offeredLanguages, type Language } from '../i18n';
import { setElderly, setLanguage, useKioskStore } from '../state/kioskStore';

const LANGUAGE_BUTTONS: Record<Language, { testId: string; label: 'lang.zh' | 'lang.en' }> = {
  'zh-CN': { testId: 'lang-zh', label: 'lang.zh' },
  en: { testId: 'lang-en', label: 'lang.en' },
};

/**
 * The header band on every screen: the hall's name, its date and time, the switch between the
 * kiosk's languages and the elderly-mode toggle.
 */
export function TopBar() {
  const { t } = useTranslation();
  const hallName = useKioskStore((s) => s.kiosk?.hallName);
  const language = useKioskStore((s) => s.language);
  const elderly = useKioskStore((s) => s.elderly);
  const configured = useKioskStore((s) => s.kiosk?.languages);
  const offered = offeredLanguages(configured);

  return (
    <header className="top-bar">
      <div className="hall-name">
        <Landmark className="hall-emblem" aria-hidden="true" />
        <span data-testid="hall-name">{hallName ?? t('app.title')}</span>
      </div>
      <HallClock />
      <div className="top-controls">
        {offered.length > 1 && (
          // A kiosk configured for one language has nothing to switch to.
          <div className="lang-switch" role="group" aria-label={t('lang.label')} data-testid="lang-switch">
            {offered.map((lang) => (
              <button
                key={lang}
                type="button"
                lang={lang}
                className="btn btn-toggle"
                aria-pressed={language === lang}
                data-testid={LANGUAGE_BUTTONS[lang].testId}
                onClick={() => setLanguage(lang)}
              >
                {t(LANGUAGE_BUTTONS[lang].label)}
              </button>
            ))}
          </div>
        )}
        <button
          type="button"
          className="btn btn-toggle"
          aria-pressed={elderly}
          data-testid="elderly-toggle"
          onClick={() => setElderly(!elderly)}
        >
          {t('elderly.toggle')}
          <span className="toggle-state">{elderly ? t('elderly.on') : t('elderly.off')}</span>
        </button>
      </div>
    </header>
  );
}
