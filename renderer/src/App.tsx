import { lazy, Suspense, useMemo } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { EventSourceFactory } from './api/client';
import { StaffMessage } from './features/staff-call/CallStaff';
import { NavFooter } from './components/NavFooter';
import { TopBar } from './components/TopBar';
import { DepsContext } from './deps';
import type { AppDeps } from './deps';
import { i18n } from './i18n';
import { MaintenanceEntry } from './features/maintenance/MaintenanceEntry';
import { Maintenance } from './features/maintenance/MaintenanceScreen';
import { ErrorScreen } from './features/queue/ErrorScreen';
import { HomeScreen } from './features/home/HomeScreen';
import { IdleGuard } from './components/IdleGuard';
import { ElderlyOffer } from './features/home/ElderlyOffer';

/** Journey screens load on first use: the keyboard stays out of the initial JS. */
const IdentifyScreen = lazy(() =>
  import('./features/identity/IdentifyScreen').then((m) => ({ default: m.IdentifyScreen })),
);
const AppointmentsScreen = lazy(() =>
  import('./features/appointments/AppointmentScreens').then((m) => ({ default: m.AppointmentsScreen })),
);
const PaymentsScreen = lazy(() =>
  import('./features/payments/PayScreens').then((m) => ({ default: m.PaymentsScreen })),
);
const EvaluationsScreen = lazy(() =>
  import('./features/evaluations/RateScreens').then((m) => ({ default: m.EvaluationsScreen })),
);
/** The service guide loads on first use too. */
const GuideScreen = lazy(() =>
  import('./features/guide/GuideScreen').then((m) => ({ default: m.GuideScreen })),
);
/** Apply and progress load on first use too. */
const ApplyScreen = lazy(() =>
  import('./features/apply/ApplyScreen').then((m) => ({ default: m.ApplyScreen })),
);
const ProgressScreen = lazy(() =>
  import('./features/progress/ProgressScreen').then((m) => ({ default: m.ProgressScreen })),
);
const ProofsScreen = lazy(() =>
  import('./features/proofs/ProofsScreen').then((m) => ({ default: m.ProofsScreen })),
);
import { TakeNumberScreen } from './features/queue/TakeNumberScreen';
import { TicketScreen } from './features/queue/TicketScreen';
import { useKioskStore } from './state/kioskStore';
import { useBackendConnection } from './state/useBackendConnection';
import { browserScheduler } from './time/scheduler';
import type { Scheduler } from './time/scheduler';

/**
 * The developer panel is a separate chunk, loaded only when the build constant says so. In a
 * production build `__DEV_PANEL__` is `false`, this folds to `null` and the import (and all of
 * dev-panel/) is dropped from the bundle. Under the root vitest config the constant is not defined
 * at all, hence the typeof.
 */
const DevPanel =
  typeof __DEV_PANEL__ !== 'undefined' && __DEV_PANEL__ ? lazy(() => import('./dev-panel/DevPanel')) : null;

function CurrentScreen() {
  const screen = useKioskStore((s) => s.screen);
  const lastTicket = useKioskStore((s) => s.lastTicket);
  switch (screen) {
    case 'home':
      return <HomeScreen />;
    case 'take-number':
    case 'taking':
      return <TakeNumberScreen />;
    case 'ticket':
      return lastTicket === null ? <HomeScreen /> : <TicketScreen ticket={lastTicket} />;
    case 'error':
      return <ErrorScreen />;
    case 'identify':
      return (
        <Suspense fallback={null}>
          <IdentifyScreen />
        </Suspense>
      );
    case 'appointments':
      return (
        <Suspense fallback={null}>
          <AppointmentsScreen />
        </Suspense>
      );
    case 'payments':
      return (
        <Suspense fallback={null}>
          <PaymentsScreen />
        </Suspense>
      );
    case 'evaluations':
      return (
        <Suspense fallback={null}>
          <EvaluationsScreen />
        </Suspense>
      );
    case 'guide':
      return (
        <Suspense fallback={null}>
          <GuideScreen />
        </Suspense>
      );
    case 'apply':
      return (
        <Suspense fallback={null}>
          <ApplyScreen />
        </Suspense>
      );
    case 'progress':
      return (
        <Suspense fallback={null}>
          <ProgressScreen />
        </Suspense>
      );
    case 'proofs':
      return (
        <Suspense fallback={null}>
          <ProofsScreen />
        </Suspense>
      );
  }
}

function Shell() {
  const { t } = useTranslation();
  const loaded = useKioskStore((s) => s.kiosk !== null);
  const connection = useKioskStore((s) => s.connection);
  const elderly = useKioskStore((s) => s.elderly);
  const language = useKioskStore((s) => s.language);
  const simulated = useKioskStore((s) => s.kiosk?.simulated ?? false);
  const centralOffline = useKioskStore((s) => s.kiosk?.sync?.online === false);
  // Each session gets a fresh screen tree: React keeps the previous render of a component (its
  // props and hook state) until that component renders again, which would keep the last citizen's
  // masked name and number in memory after the wipe. A new key drops the old tree entirely.
  const sessionEpoch = useKioskStore((s) => s.sessionEpoch);

  return (
    <div className={elderly ? 'kiosk elderly' : 'kiosk'} lang={language} data-testid="kiosk">
      <TopBar />
      {/*
        The only part that scrolls: the header and the footer stay on screen. Focusable, so a
        keyboard (an accessibility switch) can scroll a page that has no control of its own.
      */}
      <main className="content" data-testid="content" tabIndex={0}>
        {connection === 'offline' && (
          <p className="banner" role="status" data-testid="offline">
            {t('app.offline')}
          </p>
        )}
        {connection !== 'offline' && centralOffline && (
          <p className="banner" role="status" data-testid="central-offline">
            {t('app.centralOffline')}
          </p>
        )}
        {loaded ? (
          <CurrentScreen key={sessionEpoch} />
        ) : (
          <p className="progress" role="status" data-testid="connecting">
            {t('app.connecting')}
          </p>
        )}
      </main>
      <NavFooter />
      <StaffMessage />
      <ElderlyOffer />
      <IdleGuard />
      <MaintenanceEntry />
      <Maintenance />
      {DevPanel !== null && simulated && (
        <Suspense fallback={null}>
          <DevPanel />
        </Suspense>
      )}
    </div>
  );
}

export interface AppProps {
  scheduler?: Scheduler;
  createEventSource?: EventSourceFactory;
}

export function App({ scheduler = browserScheduler, createEventSource }: AppProps) {
  const deps = useMemo<AppDeps>(() => ({ scheduler, createEventSource }), [scheduler, createEventSource]);
  useBackendConnection(scheduler, createEventSource);
  return (
    <I18nextProvider i18n={i18n}>
      <DepsContext.Provider value={deps}>
        <Shell />
      </DepsContext.Provider>
    </I18nextProvider>
  );
}
