/**
 * Test support for screen tests that drive the whole app (not shipped: nothing in the app imports
 * it): the fake backend installed as fetch, and the app rendered on a manual scheduler.
 */
import { cleanup, render } from '@testing-library/react';
import { vi } from 'vitest';
import type { KioskState } from '../../../electron/backend/api/contract';
import { App } from '../App';
import { resetKioskStore } from '../state/kioskStore';
import { ManualScheduler } from '../time/scheduler';
import { CITIZEN, createFakeEventSource, FakeBackend, FakeEventSource, makeState } from './fakeBackend';

/** A 200 answer of the kiosk's API, as FakeBackend.overrides takes it. */
export const ok = (body: object) => ({ status: 200, body: { ok: true, ...body } });

/**
 * For a beforeEach: a fresh kiosk store and event sources, and a new fake backend answering fetch,
 * with a card holder at the kiosk unless `citizen` says otherwise.
 */
export function installFakeBackend(citizen: KioskState['citizen'] = CITIZEN): FakeBackend {
  resetKioskStore();
  FakeEventSource.instances = [];
  const backend = new FakeBackend();
  backend.state = makeState({ citizen });
  vi.stubGlobal('fetch', backend.fetch);
  return backend;
}

/** For an afterEach: unmounts what the test rendered and gives fetch back. */
export function removeFakeBackend(): void {
  cleanup();
  vi.unstubAllGlobals();
}

/** The whole app as the kiosk shows it, its timers on a manual scheduler, events from the fake. */
export function renderApp() {
  return render(<App scheduler={new ManualScheduler()} createEventSource={createFakeEventSource} />);
}
