import { useKioskStore } from '../../state/kioskStore';

/** Opens the apply journey from the home screen. */
export function openApply(): void {
  useKioskStore.setState({ screen: 'apply', error: null });
}
