import { useKioskStore } from '../../state/kioskStore';

/** Opens the progress journey from the home screen. */
export function openProgress(): void {
  useKioskStore.setState({ screen: 'progress', error: null });
}
