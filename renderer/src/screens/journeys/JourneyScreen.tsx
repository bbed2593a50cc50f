import {
  AppointmentsMenu,
  BookedScreen,
  BookScreen,
  CheckedInScreen,
  CheckInScreen,
} from '../appointments/AppointmentScreens';
import { IdentifyScreen } from '../identify/IdentifyScreen';
import { OrdersScreen, PayScreen } from '../pay/PayScreens';
import { RatedScreen, RateScreen } from '../rate/RateScreens';
import { useJourneyStore } from './journeyStore';

/** The 'journey' screen of the kiosk store: one of the citizen journeys. */
export function JourneyScreen() {
  const view = useJourneyStore((s) => s.view);
  switch (view.name) {
    case 'identify':
      return <IdentifyScreen />;
    case 'appointments':
      return <AppointmentsMenu />;
    case 'book':
      return <BookScreen view={view} />;
    case 'booked':
      return <BookedScreen view={view} />;
    case 'check-in':
      return <CheckInScreen view={view} />;
    case 'checked-in':
      return <CheckedInScreen view={view} />;
    case 'orders':
      return <OrdersScreen view={view} />;
    case 'pay':
      return <PayScreen view={view} />;
    case 'rate':
      return <RateScreen view={view} />;
    case 'rated':
      return <RatedScreen view={view} />;
  }
}
