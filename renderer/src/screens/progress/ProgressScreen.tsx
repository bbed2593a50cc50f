import { useTranslation } from 'react-i18next';

/** The progress journey. */
export function ProgressScreen() {
  const { t } = useTranslation();
  return (
    <section className="screen" data-testid="progress-screen">
      <h1>{t('progress.title')}</h1>
    </section>
  );
}
