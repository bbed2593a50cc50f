import { ServiceTile } from './serviceTiles';
import { useTranslation } from 'react-i18next';
import { useSpoken } from '../../components/Prompt';
import { VoiceToggle } from '../../components/VoiceToggle';
import { endSession } from '../../state/actions';
import { useKioskStore } from '../../state/kioskStore';
import { i18n, offeredLanguages } from '../../i18n/index';
import { cardReadingOutOfOrder } from '../identity/cardReader';
import { CitizenGreeting } from '../identity/CitizenGreeting';
import { identifiedBy, offered } from '../identity/identification';
import { AttractScreen } from './AttractScreen';
import { BackToShortMenu, ElderlyMenu } from './ElderlyMenu';
import { useElderlyMenuShown } from './elderlyMode';

/**
 * Nobody identified: the attract screen (where the card goes, the other ways in), or, while the
 * reader cannot read, the ways in that still work. Identified: the masked greeting and the services,
 * taking a number first and largest (what most citizens came for), the others outlined.
 */
export function HomeScreen() {
  const { t } = useTranslation();
  const citizen = useKioskStore((s) => s.kiosk?.citizen ?? null);
  const cardError = useKioskStore((s) => s.cardError);
  const hasScanner = useKioskStore((s) => s.kiosk?.devices.qrScanner !== undefined);
  const hasA4Printer = useKioskStore((s) => s.kiosk?.devices.a4Printer !== undefined);
  const readerOut = useKioskStore((s) => cardReadingOutOfOrder(s.kiosk));
  const elderlyMenu = useElderlyMenuShown();
  const elderly = useKioskStore((s) => s.elderly);

  if (citizen === null && readerOut) return <CardReaderOutOfOrder hasScanner={hasScanner} />;

  if (citizen === null) return <AttractScreen />;

  return (
    <section className="screen home">
      <CitizenGreeting citizen={citizen} />
      <p className="id-line">
        {t('home.idNumber')}
        <span className="masked" data-testid="citizen-id">
          {citizen.maskedIdNumber}
        </span>
      </p>
      {cardError !== null && (
        // The last session ended because the reader could not vouch for its card; this is a new one.
        <p className="alert" role="alert" data-testid="card-error">
          {t(`errors.${cardError.code}`)}
        </p>
      )}
      {citizen.greenChannel && (
        <p className="green-channel" data-testid="green-channel">
          {t('greenChannel.note')}
        </p>
      )}
      {elderlyMenu ? (
        <ElderlyMenu />
      ) : (
        <>
          <ServiceTile service="takeNumber" rank="primary" />
          <ServiceTile service="appointments" rank="secondary" />
          {offered(citizen, 'apply') && <ServiceTile service="apply" rank="secondary" />}
          {offered(citizen, 'progress') && <ServiceTile service="progress" rank="secondary" />}
          {hasA4Printer && identifiedBy(citizen) === 'card' && (
            <ServiceTile service="proofs" rank="secondary" />
          )}
          {offered(citizen, 'pay') ? (
            <ServiceTile service="pay" rank="secondary" />
          ) : (
            <p data-testid="declared-limits">{t('identify.limits')}</p>
          )}
          <ServiceTile service="rate" rank="secondary" />
          <ServiceTile service="guide" rank="secondary" />
          {elderly && <BackToShortMenu />}
        </>
      )}
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

/**
 * The reader cannot read (unplugged, faulty, its SAM failing): said plainly, in Chinese and then in
 * English when the kiosk offers it, whatever the screen's language, with no request to place a card
 * and the ways in that still work first. Staff are alerted by the backend, not from here.
 */
/**
 * The ways in without a card: typing the ID number, the service guide and, with a scanner, the
 * app's code. The same on the idle screen and when card reading is out of order; only the typing
 * tile's hint differs.
 */
function WaysIn({ typeHint, hasScanner }: { typeHint: string; hasScanner: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="category-grid">
        <ServiceTile service="typeId" rank="primary" hint={typeHint} />
        <ServiceTile service="guide" rank="secondary" />
      </div>
      {hasScanner && <p data-testid="identify-scan-hint">{t('identify.scanHint')}</p>}
    </>
  );
}

function CardReaderOutOfOrder({ hasScanner }: { hasScanner: boolean }) {
  const { t } = useTranslation();
  const languages = useKioskStore((s) => s.kiosk?.languages);
  const english = offeredLanguages(languages).includes('en');
  useSpoken(`${t('home.readerOut')} ${t('home.readerOutHint')}`);
  return (
    <section className="screen home">
      <div className="alert alert-large" role="alert" data-testid="card-reader-out">
        <h1 className="prompt" lang="zh-CN">
          {i18n.getFixedT('zh-CN')('home.readerOut')}
        </h1>
        {english && (
          <p className="prompt-other" lang="en">
            {i18n.getFixedT('en')('home.readerOut')}
          </p>
        )}
      </div>
      <p className="prompt-hint">{t('home.readerOutHint')}</p>
      <WaysIn typeHint={t('home.readerOutTypeHint')} hasScanner={hasScanner} />
      <VoiceToggle />
    </section>
  );
}
