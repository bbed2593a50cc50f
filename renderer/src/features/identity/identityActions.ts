/** Declaring the typed ID number to the backend. */
import { identityApi } from './identityApi';
import { refreshState } from '../../state/actions';
import { goHome } from '../../state/kioskStore';
import { run } from './identityStore';

/** Accepted: the citizen is identified (with the limits of a typed number) and home greets them. */
export function declareIdNumber(idNumber: string): void {
  void run(
    () => identityApi.declareId(idNumber),
    () => {
      goHome();
      void refreshState();
    },
  );
}
