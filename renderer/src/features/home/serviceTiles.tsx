import { useTranslation } from 'react-i18next';
import { Tile } from '../../components/Tile';
import type { ServiceIcon } from '../../components/serviceIcons';
import { openApply } from '../apply/applyStore';
import { openAppointments } from '../appointments/appointmentsStore';
import { openRating } from '../evaluations/evaluationsActions';
import { openGuide } from '../guide/guideStore';
import { openIdentify } from '../identity/identityStore';
import { openPayments } from '../payments/paymentsActions';
import { openProgress } from '../progress/progressStore';
import { openProofs } from '../proofs/proofsStore';
import { openTakeNumber } from '../queue/queueActions';

/**
 * The kiosk's services as the home screens offer them: one entry per service, so the full menu,
 * 长辈模式's short menu and the attract screen show the same tile (test id, icon, words, action)
 * wherever it appears, and a new service is one line here.
 */
const SERVICES = {
  takeNumber: {
    testId: 'take-number',
    icon: 'takeNumber',
    title: 'home.takeNumber',
    hint: 'home.takeNumberHint',
    open: openTakeNumber,
  },
  appointments: {
    testId: 'tile-appointments',
    icon: 'appointments',
    title: 'journeyHome.appointments',
    hint: 'journeyHome.appointmentsHint',
    open: openAppointments,
  },
  apply: {
    testId: 'tile-apply',
    icon: 'apply',
    title: 'apply.tile',
    hint: 'apply.tileHint',
    open: openApply,
  },
  progress: {
    testId: 'tile-progress',
    icon: 'progress',
    title: 'progress.tile',
    hint: 'progress.tileHint',
    open: openProgress,
  },
  proofs: {
    testId: 'tile-proofs',
    icon: 'proofs',
    title: 'proofs.tile',
    hint: 'proofs.tileHint',
    open: openProofs,
  },
  pay: {
    testId: 'tile-pay',
    icon: 'pay',
    title: 'journeyHome.pay',
    hint: 'journeyHome.payHint',
    open: openPayments,
  },
  rate: {
    testId: 'tile-rate',
    icon: 'rate',
    title: 'journeyHome.rate',
    hint: 'journeyHome.rateHint',
    open: openRating,
  },
  guide: {
    testId: 'tile-guide',
    icon: 'guide',
    title: 'guide.tile',
    hint: 'guide.tileHint',
    open: openGuide,
  },
  typeId: {
    testId: 'identify-type',
    icon: 'typeId',
    title: 'identify.tile',
    hint: 'identify.tileHint',
    open: openIdentify,
  },
} as const satisfies Record<
  string,
  { testId: string; icon: ServiceIcon; title: string; hint: string; open: () => void }
>;

export type KioskService = keyof typeof SERVICES;

/** The tile of one service; `hint` replaces its usual line where the screen says more. */
export function ServiceTile({
  service,
  rank,
  hint,
}: {
  service: KioskService;
  rank?: 'primary' | 'secondary';
  hint?: string;
}) {
  const { t } = useTranslation();
  const entry = SERVICES[service];
  return (
    <Tile
      testId={entry.testId}
      icon={entry.icon}
      rank={rank}
      title={t(entry.title)}
      hint={hint ?? t(entry.hint)}
      onClick={entry.open}
    />
  );
}
