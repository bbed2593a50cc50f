import { useTranslation } from 'react-i18next';
import { setElderly, setLanguage, useKioskStore } from '../state/kioskStore';

/** Hall name, language switch and the elderly-mode toggle: on every screen. */
export function TopBar() {
  const { t } = useTranslation();
  const hallName = useKioskStore((s) => s.kiosk?.hallName);
  const language = useKioskStore((s) => s.language);
  const elderly = useKioskStore((s) => s.elderly);

  return (
    <header className="top-bar">
      <div className="hall-name" data-testid="hall-name">
        {hallName ?? t('app.title')}
      </div>
      <div className="top-controls">
        <div className="lang-switch" role="group" aria-label={t('lang.label')}>
          <button
            type="button"
            lang="zh-CN"
            className="btn btn-toggle"
            aria-pressed={language === 'zh-CN'}
            data-testid="lang-zh"
            onClick={() => setLanguage('zh-CN')}
          >
            {t('lang.zh')}
          </button>
          <button
            type="button"
            lang="en"
            className="btn btn-toggle"
            aria-pressed={language === 'en'}
            data-testid="lang-en"
            onClick={() => setLanguage('en')}
          >
            {t('lang.en')}
          </button>
        </div>
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
