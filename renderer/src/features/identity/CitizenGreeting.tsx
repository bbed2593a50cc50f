import { useTranslation } from 'react-i18next';
import type { CitizenView } from '../../../../electron/backend/api/contract';
import { identifiedBy } from './identification';

/**
 * The home screen's greeting, fitting how the citizen identified: a card names them (masked), a
 * typed number or the app's code names no one, so the greeting says how they came in instead of
 * leaving "您好，" with nothing after it.
 */
export function CitizenGreeting({ citizen }: { citizen: CitizenView }) {
  const { t } = useTranslation();
  const by = identifiedBy(citizen);
  return (
    <h1 className="greeting" data-testid="citizen-greeting" data-identified-by={by}>
      {by === 'card' ? (
        <>
          {t('identity.greeting.card')}
          <span className="masked" data-testid="citizen-name">
            {citizen.maskedName}
          </span>
        </>
      ) : (
        t(`identity.greeting.${by}`)
      )}
    </h1>
  );
}
