import {
  AppointmentsMenu,
  BookedScreen,
  BookScreen,
  CheckedInScreen,
  CheckInScreen,
} from '../features/appointments/AppointmentScreens';
import { IdentifyScreen } from '../features/identity/IdentifyScreen';
import { OrdersScreen, PayScreen } from '../features/payments/PayScreens';
import { RatedScreen, RateScreen } from '../features/evaluations/RateScreens';
import { useJourneyStore } from '../screens/journeys/journeyStore';

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
