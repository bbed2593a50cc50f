/**
 * What the footer's 返回 (back) and 首页 (home) do on the screen now showing.
 *
 * A screen says what "back" means for it (the previous step of its journey) with `useBackAction`;
 * a screen that must tidy up before the citizen leaves it (a payment being waited for) says so with
 * `useLeaveAction`. Without either, back goes home, as a citizen expects of a screen with no steps.
 * The last screen mounted wins: a journey's step screen is mounted inside the journey's screen, so
 * the innermost step decides.
 */
import { useEffect, useRef } from 'react';
import { create } from 'zustand';
import { goHome, useKioskStore } from '../state/kioskStore';

type Action = () => void;

interface Registered {
  id: number;
  back: { current: Action } | null;
  leave: { current: Action } | null;
}

interface NavigationState {
  registered: Registered[];
}

const useNavigationStore = create<NavigationState>()(() => ({ registered: [] }));

let nextId = 1;

function useRegistered(kind: 'back' | 'leave', action: Action | null): void {
  const ref = useRef<Action | null>(action);
  // The latest closure is called (a step's state changes between renders), without re-registering.
  useEffect(() => {
    ref.current = action;
  });
  const active = action !== null;
  useEffect(() => {
    if (!active) return undefined;
    const id = nextId++;
    const holder = {
      get current(): Action {
        return ref.current ?? goHome;
      },
    };
    const entry: Registered = {
      id,
      back: kind === 'back' ? holder : null,
      leave: kind === 'leave' ? holder : null,
    };
    useNavigationStore.setState((s) => ({ registered: [...s.registered, entry] }));
    return () =>
      useNavigationStore.setState((s) => ({ registered: s.registered.filter((r) => r.id !== id) }));
  }, [kind, active]);
}

/** While the calling screen is mounted, 返回 runs `back` (null: the screen has no previous step). */
export function useBackAction(back: Action | null): void {
  useRegistered('back', back);
}

/** While the calling screen is mounted, `leave` runs before 首页 (or a back that goes home). */
export function useLeaveAction(leave: Action | null): void {
  useRegistered('leave', leave);
}

function innermost(kind: 'back' | 'leave'): Action | null {
  const list = useNavigationStore.getState().registered;
  for (let i = list.length - 1; i >= 0; i--) {
    const holder = list[i]![kind];
    if (holder) return holder.current;
  }
  return null;
}

/** 首页: the screen's leave action, then home. */
export function navigateHome(): void {
  innermost('leave')?.();
  goHome();
}

/** 返回: the screen's previous step, or home when it has none. */
export function navigateBack(): void {
  const back = innermost('back');
  if (back) back();
  else navigateHome();
}

/** True when 返回 has somewhere to go: a step to go back to, or a screen other than home. */
export function useCanGoBack(): boolean {
  const hasBack = useNavigationStore((s) => s.registered.some((r) => r.back !== null));
  const away = useKioskStore((s) => s.screen !== 'home');
  return hasBack || away;
}

/** For tests: nothing registered. */
export function resetNavigation(): void {
  useNavigationStore.setState({ registered: [] });
}
