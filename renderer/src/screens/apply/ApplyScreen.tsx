import { useTranslation } from 'react-i18next';

/** The apply journey. */
export function ApplyScreen() {
  const { t } = useTranslation();
  return (
    <section className="screen" data-testid="apply-screen">
      <h1>{t('apply.title')}</h1>
    </section>
  );
}
