import { useTranslation } from 'react-i18next';
import { endSession, openTakeNumber } from '../state/actions';
import { useKioskStore } from '../state/kioskStore';
import { i18n } from '../i18n';
import { openApply } from './apply/applyStore';
import { openGuide } from './guide/guideStore';
import { openJourney } from './journeys/journeyStore';
import { VoiceToggle } from './journeys/parts';
import { openOrders } from './pay/PayScreens';
import { openProgress } from './progress/progressStore';
import { openRate } from './rate/RateScreens';

/** Nobody identified: the card prompt. Identified: the masked greeting and the "take a number" tile. */
export function HomeScreen() {
  const { t } = useTranslation();
  const citizen = useKioskStore((s) => s.kiosk?.citizen ?? null);
  const cardError = useKioskStore((s) => s.cardError);
  const language = useKioskStore((s) => s.language);
  const hasScanner = useKioskStore((s) => s.kiosk?.devices.qrScanner !== undefined);
  const cardLeft = useKioskStore((s) => s.kiosk?.cardOnReader === true);

  if (citizen === null) {
    // The prompt also in the other language, so a visitor who cannot read this one knows what to do.
    const other = language === 'zh-CN' ? 'en' : 'zh-CN';
    const tOther = i18n.getFixedT(other);
    return (
      <section className="screen home">
        {cardLeft && (
          // The session ended (finish or idle) with the card still on the reader.
          <p className="alert alert-large" role="alert" data-testid="take-card">
            {t('home.takeCard')}
          </p>
        )}
        <h1 className="prompt" data-testid="home-prompt">
          {t('home.prompt')}
        </h1>
        <p className="prompt-hint">{t('home.promptHint')}</p>
        <p className="prompt-other" lang={other}>
          {tOther('home.prompt')}
        </p>
        <div className="category-grid">
          <button
            type="button"
            className="tile"
            data-testid="identify-type"
            onClick={() => useKioskStore.setState({ screen: 'identify', error: null })}
          >
            <span className="tile-title">{t('identify.tile')}</span>
            <span className="tile-hint">{t('identify.tileHint')}</span>
          </button>
          <button type="button" className="tile" data-testid="tile-guide" onClick={openGuide}>
            <span className="tile-title">{t('guide.tile')}</span>
            <span className="tile-hint">{t('guide.tileHint')}</span>
          </button>
        </div>
        {hasScanner && <p data-testid="identify-scan-hint">{t('identify.scanHint')}</p>}
        <VoiceToggle />
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
        className="tile"
        data-testid="tile-appointments"
        onClick={() => openJourney({ name: 'appointments' })}
      >
        <span className="tile-title">{t('journeyHome.appointments')}</span>
        <span className="tile-hint">{t('journeyHome.appointmentsHint')}</span>
      </button>
      <button type="button" className="tile" data-testid="tile-apply" onClick={openApply}>
        <span className="tile-title">{t('apply.tile')}</span>
        <span className="tile-hint">{t('apply.tileHint')}</span>
      </button>
      <button type="button" className="tile" data-testid="tile-progress" onClick={openProgress}>
        <span className="tile-title">{t('progress.tile')}</span>
        <span className="tile-hint">{t('progress.tileHint')}</span>
      </button>
      {citizen.source !== 'typed' && citizen.source !== 'qr' ? (
        <button
          type="button"
          className="tile"
          data-testid="tile-pay"
          onClick={() => {
            openJourney({ name: 'orders', orders: null });
            openOrders();
          }}
        >
          <span className="tile-title">{t('journeyHome.pay')}</span>
          <span className="tile-hint">{t('journeyHome.payHint')}</span>
        </button>
      ) : (
        <p data-testid="declared-limits">{t('identify.limits')}</p>
      )}
      <button
        type="button"
        className="tile"
        data-testid="tile-rate"
        onClick={() => {
          openJourney({ name: 'rate', subject: null, cases: null, indicators: null });
          openRate();
        }}
      >
        <span className="tile-title">{t('journeyHome.rate')}</span>
        <span className="tile-hint">{t('journeyHome.rateHint')}</span>
      </button>
      <button type="button" className="tile" data-testid="tile-guide" onClick={openGuide}>
        <span className="tile-title">{t('guide.tile')}</span>
        <span className="tile-hint">{t('guide.tileHint')}</span>
      </button>
      <VoiceToggle />
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
