/**
 * What the app takes from outside, so tests can replace it: the scheduler (time) and the
 * EventSource constructor (jsdom has none).
 */
import { createContext, useContext } from 'react';
import type { EventSourceFactory } from './api/client';
import { browserScheduler } from './time/scheduler';
import type { Scheduler } from './time/scheduler';

export interface AppDeps {
  scheduler: Scheduler;
  /** Undefined: the page's EventSource. */
  createEventSource?: EventSourceFactory;
}

export const DepsContext = createContext<AppDeps>({ scheduler: browserScheduler });

export function useDeps(): AppDeps {
  return useContext(DepsContext);
}
