import { useTranslation } from 'react-i18next';
import { endSession, openTakeNumber } from '../state/actions';
import { useKioskStore } from '../state/kioskStore';
import { i18n } from '../i18n';

/** Nobody identified: the card prompt. Identified: the masked greeting and the "take a number" tile. */
export function HomeScreen() {
  const { t } = useTranslation();
  const citizen = useKioskStore((s) => s.kiosk?.citizen ?? null);
  const cardError = useKioskStore((s) => s.cardError);
  const language = useKioskStore((s) => s.language);

  if (citizen === null) {
    // The prompt also in the other language, so a visitor who cannot read this one knows what to do.
    const other = language === 'zh-CN' ? 'en' : 'zh-CN';
    const tOther = i18n.getFixedT(other);
    return (
      <section className="screen home">
        <h1 className="prompt" data-testid="home-prompt">
          {t('home.prompt')}
        </h1>
        <p className="prompt-hint">{t('home.promptHint')}</p>
        <p className="prompt-other" lang={other}>
          {tOther('home.prompt')}
        </p>
        {cardError !== null && (
          <p className="alert" role="alert" data-testid="card-error">
            {t(`errors.${cardError.code}`)}
          </p>
        )}
      </section>
    );
  }

  return (
    <section className="screen home">
      <h1 className="greeting">
        {t('home.greeting')}
        <span className="masked" data-testid="citizen-name">
          {citizen.maskedName}
        </span>
      </h1>
      <p className="id-line">
        {t('home.idNumber')}
        <span className="masked" data-testid="citizen-id">
          {citizen.maskedIdNumber}
        </span>
      </p>
      {citizen.greenChannel && (
        <p className="green-channel" data-testid="green-channel">
          {t('greenChannel.note')}
        </p>
      )}
      <button type="button" className="tile" data-testid="take-number" onClick={openTakeNumber}>
        <span className="tile-title">{t('home.takeNumber')}</span>
        <span className="tile-hint">{t('home.takeNumberHint')}</span>
      </button>
      <button
        type="button"
        className="btn btn-secondary"
        data-testid="end-session"
        onClick={() => void endSession()}
      >
        {t('home.endSession')}
      </button>
    </section>
  );
}
