// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../api/client';
import { FakeBackend } from '../testing/fakeBackend';
import { ManualScheduler } from '../time/scheduler';
import DevPanel, { DEV_PANEL_MARKER } from './DevPanel';
import { createDevApi } from './devApi';

afterEach(() => cleanup());

function setup() {
  const backend = new FakeBackend();
  backend.overrides.set('POST /api/dev/card', { status: 200, body: { ok: true } });
  backend.overrides.set('DELETE /api/dev/card', { status: 200, body: { ok: true } });
  backend.overrides.set('POST /api/dev/printer/state', { status: 200, body: { ok: true } });
  backend.overrides.set('GET /api/dev/printer/paper', {
    status: 200,
    body: { ok: true, lines: ['杭州市民中心', 'A004'] },
  });
  backend.overrides.set('DELETE /api/dev/printer/paper', { status: 200, body: { ok: true } });
  const devApi = createDevApi(createApiClient({ fetch: backend.fetch, scheduler: new ManualScheduler() }));
  render(<DevPanel devApi={devApi} />);
  fireEvent.click(screen.getByTestId('dev-panel-toggle'));
  return backend;
}

describe('developer panel', () => {
  it('carries the marker the production-bundle check looks for', () => {
    setup();
    expect(DEV_PANEL_MARKER).toBe('kiosk-dev-panel');
    expect(screen.getByTestId('dev-panel').getAttribute('data-marker')).toBe('kiosk-dev-panel');
  });

  it('places a card with the form values (empty ID number left to the backend)', async () => {
    const backend = setup();
    fireEvent.change(screen.getByTestId('dev-card-name'), { target: { value: '李四' } });
    fireEvent.change(screen.getByTestId('dev-card-birth'), { target: { value: '1950-03-04' } });
    fireEvent.click(screen.getByTestId('dev-place-card'));
    await waitFor(() => expect(screen.getByTestId('dev-status').textContent).toBe('place card: ok'));
    expect(backend.callsTo('POST', '/api/dev/card')[0]?.body).toEqual({
      name: '李四',
      gender: 'male',
      birthDate: '1950-03-04',
      address: '浙江省杭州市上城区解放路1号',
      cardType: 'resident',
    });
  });

  it('refuses an invalid ID number before sending', async () => {
    const backend = setup();
    fireEvent.change(screen.getByTestId('dev-card-id'), { target: { value: '12345' } });
    fireEvent.click(screen.getByTestId('dev-place-card'));
    await waitFor(() => expect(screen.getByTestId('dev-status').textContent).toContain('bad-request'));
    expect(backend.callsTo('POST', '/api/dev/card')).toHaveLength(0);
  });

  it('removes the card, sets the printer state, shows and tears the paper', async () => {
    const backend = setup();
    fireEvent.click(screen.getByTestId('dev-remove-card'));
    fireEvent.click(screen.getByTestId('dev-printer-paper-out'));
    await waitFor(() => expect(backend.callsTo('POST', '/api/dev/printer/state')).toHaveLength(1));
    expect(backend.callsTo('POST', '/api/dev/printer/state')[0]?.body).toEqual({ state: 'paper-out' });
    expect(backend.callsTo('DELETE', '/api/dev/card')).toHaveLength(1);
    fireEvent.click(screen.getByTestId('dev-paper-refresh'));
    await waitFor(() => expect(screen.getByTestId('dev-paper-lines').textContent).toBe('杭州市民中心\nA004'));
    fireEvent.click(screen.getByTestId('dev-paper-tear'));
    await waitFor(() => expect(screen.getByTestId('dev-paper-lines').textContent).toBe('(no paper)'));
  });
});
