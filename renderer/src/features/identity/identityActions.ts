/** Declaring the typed ID number to the backend. */
import { journeyApi } from '../../screens/journeys/journeyApi';
import { refreshState } from '../../state/actions';
import { goHome } from '../../state/kioskStore';
import { run } from './identityStore';

/** Accepted: the citizen is identified (with the limits of a typed number) and home greets them. */
export function declareIdNumber(idNumber: string): void {
  void run(
    () => journeyApi.declareId(idNumber),
    () => {
      goHome();
      void refreshState();
    },
  );
}
