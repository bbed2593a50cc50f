import { useTranslation } from 'react-i18next';
import { loadCategories, takeTicket } from './queueActions';
import { goHome, useKioskStore } from '../../state/kioskStore';
import { Prompt } from '../../components/Prompt';

/** The queue categories as big buttons; while a ticket is being taken, a plain progress message. */
export function TakeNumberScreen() {
  const { t } = useTranslation();
  const screen = useKioskStore((s) => s.screen);
  const categories = useKioskStore((s) => s.categories);
  const language = useKioskStore((s) => s.language);
  const greenChannel = useKioskStore((s) => s.kiosk?.citizen?.greenChannel ?? false);

  if (screen === 'taking') {
    return (
      <section className="screen taking">
        <p className="progress" role="status" aria-live="polite" data-testid="taking-progress">
          <span className="spinner" aria-hidden="true" />
          {t('queue.taking')}
        </p>
      </section>
    );
  }

  return (
    <section className="screen take-number">
      <Prompt text={t('queue.title')} />
      {greenChannel && (
        <p className="green-channel" data-testid="green-channel">
          {t('greenChannel.note')}
        </p>
      )}
      {(categories.status === 'loading' || categories.status === 'idle') && (
        <p className="progress" role="status">
          {t('queue.loading')}
        </p>
      )}
      {categories.status === 'failed' && (
        <div className="alert-block">
          <p className="alert" role="alert" data-testid="error-message">
            {t(`errors.${categories.error.code}`)}
          </p>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="error-retry"
            onClick={() => void loadCategories()}
          >
            {t('error.retry')}
          </button>
        </div>
      )}
      {categories.status === 'loaded' && categories.categories.length === 0 && (
        <p className="alert" role="status">
          {t('queue.empty')}
        </p>
      )}
      {categories.status === 'loaded' && (
        <div className="category-grid">
          {categories.categories.map((c) => (
            <button
              key={c.code}
              type="button"
              className="tile category"
              data-testid={`category-${c.code}`}
              onClick={() => void takeTicket(c.code)}
            >
              <span className="category-code" aria-hidden="true">
                {c.code}
              </span>
              <span className="tile-title">{language === 'en' ? c.name.en : c.name.zh}</span>
              <span className="tile-hint">{t('queue.waiting', { count: c.waiting })}</span>
            </button>
          ))}
        </div>
      )}
      <button type="button" className="btn btn-secondary" data-testid="back-home" onClick={goHome}>
        {t('queue.back')}
      </button>
    </section>
  );
}
