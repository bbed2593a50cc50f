/**
 * Where the citizen is in the service guide: a stack of views, so "Back" returns to the list they
 * came from. Nothing personal, but wiped with the session all the same (a search is the citizen's).
 */
import type { z } from 'zod';
import { create } from 'zustand';
import type {
  GuideBundle,
  GuideItem,
  guideDepartmentResponseSchema,
  guideOverviewResponseSchema,
  guideSearchResponseSchema,
} from '../../../../electron/backend/guide/contract';
import type { ApiError } from '../../api/client';
import { useKioskStore } from '../../state/kioskStore';
import { requestRunner } from '../../state/run-request';
import { onNewSession } from '../../state/session-epoch';
import { guideApi } from './guideApi';

type Overview = z.infer<typeof guideOverviewResponseSchema>;
type SearchResults = z.infer<typeof guideSearchResponseSchema>;
type DepartmentPage = z.infer<typeof guideDepartmentResponseSchema>;

export type GuideView =
  | { name: 'home'; tab: 'events' | 'departments' }
  | { name: 'search'; query: string; results: SearchResults | null }
  | { name: 'department'; page: DepartmentPage }
  | { name: 'bundle'; bundle: GuideBundle }
  | { name: 'item'; item: GuideItem };

export interface GuideStoreState {
  /** The views opened, the current one last. */
  stack: GuideView[];
  overview: Overview | null;
  busy: boolean;
  error: ApiError | null;
}

const initial = (): GuideStoreState => ({
  stack: [{ name: 'home', tab: 'events' }],
  overview: null,
  busy: false,
  error: null,
});

export const useGuideStore = create<GuideStoreState>()(initial);

export const currentView = (s: GuideStoreState): GuideView => s.stack[s.stack.length - 1]!;

/** Runs a guide request; an answer arriving after the session was wiped is dropped. */
const load = requestRunner((status) => useGuideStore.setState(status));

function push(view: GuideView): void {
  useGuideStore.setState((s) => ({ stack: [...s.stack, view], error: null }));
}

/** Opens the guide from the home screen (no identity needed). */
export function openGuide(): void {
  useGuideStore.setState(initial());
  useKioskStore.setState({ screen: 'guide', error: null });
  void load(guideApi.overview, (overview) => useGuideStore.setState({ overview }));
}

export function setTab(tab: 'events' | 'departments'): void {
  useGuideStore.setState({ stack: [{ name: 'home', tab }], error: null });
}

export function back(): void {
  useGuideStore.setState((s) => ({
    stack: s.stack.length > 1 ? s.stack.slice(0, -1) : s.stack,
    error: null,
  }));
}

export function openSearch(): void {
  push({ name: 'search', query: '', results: null });
}

/** Searches as the citizen types; an answer for an older query is dropped. */
export function typeQuery(query: string): void {
  const replace = (results: SearchResults | null) =>
    useGuideStore.setState((s) => {
      const top = currentView(s);
      if (top.name !== 'search' || top.query !== query) return {};
      return { stack: [...s.stack.slice(0, -1), { name: 'search', query, results }] };
    });
  useGuideStore.setState((s) => {
    const top = currentView(s);
    if (top.name !== 'search') return {};
    return { stack: [...s.stack.slice(0, -1), { name: 'search', query, results: null }], error: null };
  });
  if (query.trim() === '') return;
  void load(() => guideApi.search(query), replace);
}

export function openDepartment(id: string): void {
  void load(
    () => guideApi.department(id),
    (page) => push({ name: 'department', page }),
  );
}

export function openBundle(code: string): void {
  void load(
    () => guideApi.bundle(code),
    (v) => push({ name: 'bundle', bundle: v.bundle }),
  );
}

export function openItem(code: string): void {
  void load(
    () => guideApi.item(code),
    (v) => push({ name: 'item', item: v.item }),
  );
}

// Every wipe of the kiosk store (card out, finish, idle) wipes the guide too.
onNewSession(() => useGuideStore.setState(initial()));
