import { ServiceTile } from './serviceTiles';
import { useTranslation } from 'react-i18next';
import { Prompt } from '../../components/Prompt';
import { QrImage } from '../../components/QrImage';
import { SERVICE_ICONS } from '../../components/serviceIcons';
import { VoiceToggle } from '../../components/VoiceToggle';
import { i18n, offeredLanguages } from '../../i18n/index';
import { useKioskStore } from '../../state/kioskStore';
import { KioskDrawing } from './KioskDrawing';

/**
 * The idle home, nobody identified: the whole screen says where the card goes (a drawing of this
 * model with its reader lit), then the other ways in (typing the number, the app's code when a
 * scanner is fitted, the guide without signing in) and the app to get for next time.
 */
export function AttractScreen() {
  const { t } = useTranslation();
  const language = useKioskStore((s) => s.language);
  const languages = useKioskStore((s) => s.kiosk?.languages);
  const hasScanner = useKioskStore((s) => s.kiosk?.devices.qrScanner !== undefined);
  const cardLeft = useKioskStore((s) => s.kiosk?.cardOnReader === true);
  const cardError = useKioskStore((s) => s.cardError);
  const position = useKioskStore((s) => s.kiosk?.attract?.cardReaderPosition ?? 'below-screen-right');
  const appQrUrl = useKioskStore((s) => s.kiosk?.attract?.appQrUrl ?? null);
  // The prompt also in the other language, so a visitor who cannot read this one knows what to do.
  const other = offeredLanguages(languages).find((l) => l !== language);
  const ScanIcon = SERVICE_ICONS.scanCode;
  const AppIcon = SERVICE_ICONS.app;

  return (
    <section className="screen home attract" data-testid="attract-screen">
      {cardLeft && (
        // The session ended (finish or idle) with the card still on the reader.
        <p className="alert alert-large" role="alert" data-testid="take-card">
          {t('home.takeCard')}
        </p>
      )}
      {cardError !== null && (
        <p className="alert" role="alert" data-testid="card-error">
          {t(`errors.${cardError.code}`)}
        </p>
      )}
      <div className="attract-card">
        <KioskDrawing position={position} label={t('design.attract.figureLabel')} />
        <div className="attract-card-words">
          <Prompt
            className="prompt"
            testId="home-prompt"
            text={t('home.prompt')}
            spoken={cardLeft ? `${t('home.takeCard')} ${t('home.prompt')}` : undefined}
          />
          <p className="prompt-hint">{t('home.promptHint')}</p>
          {other !== undefined && (
            <p className="prompt-other" lang={other} data-testid="home-prompt-other">
              {i18n.getFixedT(other)('home.prompt')}
            </p>
          )}
        </div>
      </div>
      <h2 className="attract-other">{t('design.attract.otherWays')}</h2>
      <div className="category-grid attract-ways">
        <ServiceTile service="typeId" rank="secondary" />
        <ServiceTile service="guide" rank="secondary" hint={t('design.attract.guideHint')} />
      </div>
      <div className="attract-extras">
        {hasScanner && (
          <div className="attract-extra" data-testid="identify-scan-hint">
            <ScanIcon className="attract-extra-icon" aria-hidden="true" />
            <div>
              <p className="attract-extra-title">{t('design.attract.scanTitle')}</p>
              <p>{t('identify.scanHint')}</p>
            </div>
          </div>
        )}
        {appQrUrl !== null && (
          <div className="attract-extra attract-app" data-testid="attract-app">
            <QrImage data={appQrUrl} label={t('design.attract.appQrLabel')} testId="attract-app-qr" />
            <div>
              <p className="attract-extra-title">
                <AppIcon className="btn-icon" aria-hidden="true" /> {t('design.attract.appTitle')}
              </p>
              <p>{t('design.attract.appHint')}</p>
            </div>
          </div>
        )}
      </div>
      <VoiceToggle />
    </section>
  );
}
