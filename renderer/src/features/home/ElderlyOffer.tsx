import { useTranslation } from 'react-i18next';
import { spokenScreen, useSpoken } from '../../components/Prompt';
import { useKioskStore } from '../../state/kioskStore';
import { useMaintenanceStore } from '../maintenance/maintenanceStore';
import { answerOffer, offerDue, useElderlyModeStore } from './elderlyMode';

/**
 * "是否切换到长辈模式？", asked once a session when a card says its holder is 60 or more (a typed
 * number is not asked: who typed it may not be its holder). Either answer is kept for the session.
 */
export function ElderlyOffer() {
  const answeredIn = useElderlyModeStore((s) => s.answeredIn);
  const due = useKioskStore((s) => offerDue(s, answeredIn));
  // Field staff testing the reader with a card are not the citizen the offer is for.
  const maintenance = useMaintenanceStore((s) => s.view !== 'closed');
  return due && !maintenance ? <OfferDialog /> : null;
}

function OfferDialog() {
  const { t } = useTranslation();
  const language = useKioskStore((s) => s.language);
  // Read only while voice guidance is on, like every prompt: saying "yes" is what turns it on.
  useSpoken(
    spokenScreen(
      `${t('elderlyMode.offer.title')} ${t('elderlyMode.offer.text')}`,
      [t('elderlyMode.offer.yes'), t('elderlyMode.offer.no')],
      language,
    ),
  );
  return (
    <div
      className="overlay"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="elderly-offer-title"
      aria-describedby="elderly-offer-text"
    >
      <div className="dialog elderly-offer" data-testid="elderly-offer">
        <h2 id="elderly-offer-title">{t('elderlyMode.offer.title')}</h2>
        <p id="elderly-offer-text" className="dialog-text">
          {t('elderlyMode.offer.text')}
        </p>
        <div className="dialog-actions">
          <button
            type="button"
            className="btn btn-primary"
            data-testid="elderly-offer-yes"
            onClick={() => answerOffer(true)}
          >
            {t('elderlyMode.offer.yes')}
          </button>
          <button
            type="button"
            className="btn btn-secondary"
            data-testid="elderly-offer-no"
            onClick={() => answerOffer(false)}
          >
            {t('elderlyMode.offer.no')}
          </button>
        </div>
      </div>
    </div>
  );
}
