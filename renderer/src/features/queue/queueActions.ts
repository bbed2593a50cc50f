/**
 * Taking a queue number: the categories with their waiting counts, the ticket, and the error
 * screen's ways on. Each answer is dropped if the citizen's session changed meanwhile.
 */
import { api } from '../../api/client';
import type { ApiError } from '../../api/client';
import { useKioskStore } from '../../state/kioskStore';
import { whileSameSession } from '../../state/session-epoch';

export async function loadCategories(): Promise<void> {
  const current = useKioskStore.getState().categories;
  // Keep showing the list while it refreshes (waiting counts change as tickets are taken).
  if (current.status !== 'loaded') useKioskStore.setState({ categories: { status: 'loading' } });
  await whileSameSession(
    () => api.getCategories(),
    (r) =>
      useKioskStore.setState({
        categories: r.ok ? { status: 'loaded', categories: r.value } : { status: 'failed', error: r.error },
      }),
  );
}

export function openTakeNumber(): void {
  useKioskStore.setState({ screen: 'take-number', error: null });
  void loadCategories();
}

export async function takeTicket(category: string): Promise<void> {
  const s = useKioskStore.getState();
  // A second tap while the first request runs (common with unsteady hands) must not take two numbers.
  if (s.screen === 'taking') return;
  useKioskStore.setState({ screen: 'taking', lastCategory: category, error: null });
  await whileSameSession(
    () => api.takeTicket(category),
    (r) => {
      if (r.ok) useKioskStore.setState({ screen: 'ticket', lastTicket: r.value });
      else showError(r.error);
    },
  );
}

export function showError(error: ApiError): void {
  useKioskStore.setState({
    screen: 'error',
    error,
    lastTicket: error.ticket ?? useKioskStore.getState().lastTicket,
  });
}

export async function retryLastTicket(): Promise<void> {
  const category = useKioskStore.getState().lastCategory;
  if (category === null) {
    openTakeNumber();
    return;
  }
  await takeTicket(category);
}
