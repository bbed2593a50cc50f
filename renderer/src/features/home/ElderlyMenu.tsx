import { ServiceTile } from './serviceTiles';
import { useTranslation } from 'react-i18next';
import { spokenScreen, useSpoken } from '../../components/Prompt';
import { Tile } from '../../components/Tile';
import { useKioskStore } from '../../state/kioskStore';
import { openApply } from '../apply/applyStore';
import { choose } from '../apply/applyActions';
import { showAllServices } from './elderlyMode';

/**
 * 老年人优待证办理 in the seed catalogue. Its one age condition is 60, the age at which the mode is
 * offered, so the tile never leads a citizen it was offered to into a refusal by age (高龄津贴 needs
 * 80 and would refuse most of them).
 */
export const SENIOR_CARD_ITEM = 'GG09005001';

/**
 * 长辈模式's home: the four services older citizens come for most, instead of seven tiles.
 * - 取号: most visits to the hall are for a window, and a ticket is the first step of all of them;
 * - 办件进度: asking "where is my case" is the most frequent question at the service desk;
 * - 缴费: fees and charges are paid in person far more often by older citizens;
 * - 老年人优待证: the one item every citizen of 60 or more may apply for here with the card alone.
 * A typed or scanned number cannot see cases, pay or apply (they need the card): those tiles give
 * way to booking and the guide, and the screen says why. "All services" opens the full menu.
 * Each tile keeps the test id of the same tile on the full menu: the same action, wherever it is.
 */
export function ElderlyMenu() {
  const { t } = useTranslation();
  const source = useKioskStore((s) => s.kiosk?.citizen?.source ?? 'card');
  const card = source === 'card';
  const language = useKioskStore((s) => s.language);
  const tiles = card
    ? [t('home.takeNumber'), t('progress.tile'), t('journeyHome.pay'), t('elderlyMode.menu.seniorCard')]
    : [t('home.takeNumber'), t('journeyHome.appointments'), t('guide.tile')];
  // The menu's title and its choices, in the order they are on screen (voice follows the mode).
  useSpoken(
    spokenScreen(t('elderlyMode.menu.title'), [...tiles, t('elderlyMode.menu.allServices')], language),
  );
  return (
    <div className="elderly-menu" data-testid="elderly-menu">
      <h2 className="elderly-menu-title">{t('elderlyMode.menu.title')}</h2>
      <p className="elderly-menu-hint">{t('elderlyMode.menu.hint')}</p>
      <div className="category-grid elderly-menu-grid">
        <ServiceTile service="takeNumber" rank="primary" />
        {card ? (
          <>
            <ServiceTile service="progress" />
            <ServiceTile service="pay" />
            <Tile
              testId="elderly-senior-card"
              icon="apply"
              title={t('elderlyMode.menu.seniorCard')}
              hint={t('elderlyMode.menu.seniorCardHint')}
              onClick={() => {
                openApply();
                void choose({ kind: 'item', itemCode: SENIOR_CARD_ITEM });
              }}
            />
          </>
        ) : (
          <>
            <ServiceTile service="appointments" />
            <ServiceTile service="guide" />
          </>
        )}
      </div>
      {!card && <p data-testid="declared-limits">{t('identify.limits')}</p>}
      <button
        type="button"
        className="btn btn-secondary"
        data-testid="elderly-all-services"
        onClick={() => showAllServices(true)}
      >
        {t('elderlyMode.menu.allServices')}
      </button>
    </div>
  );
}

/** On the full menu in 长辈模式: back to the four services. */
export function BackToShortMenu() {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="btn btn-secondary"
      data-testid="elderly-short-menu"
      onClick={() => showAllServices(false)}
    >
      {t('elderlyMode.menu.shortMenu')}
    </button>
  );
}
