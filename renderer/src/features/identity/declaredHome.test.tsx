// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CITIZEN } from '../../testing/fakeBackend';
import { installFakeBackend, removeFakeBackend, renderApp } from '../../testing/kioskHarness';

afterEach(removeFakeBackend);

describe('the home screen of a citizen who typed their number', () => {
  it('greets without a bare 您好， and offers no journey that would refuse without the card', async () => {
    installFakeBackend({ ...CITIZEN, maskedName: '', source: 'typed' });
    renderApp();
    expect((await screen.findByTestId('citizen-greeting')).textContent).toBe('您好！您已输入身份证号码');
    for (const tile of ['tile-apply', 'tile-progress', 'tile-pay']) {
      expect(screen.queryByTestId(tile), tile).toBeNull();
    }
    expect(screen.getByTestId('take-number')).toBeTruthy();
    expect(screen.getByTestId('declared-limits').textContent).toContain(
      '申请办事、查看办件进度和缴费请刷身份证',
    );
  });

  it('names the card holder and offers every journey', async () => {
    installFakeBackend({ ...CITIZEN, source: 'card' });
    renderApp();
    expect((await screen.findByTestId('citizen-greeting')).textContent).toBe('您好，张*');
    for (const tile of ['tile-apply', 'tile-progress', 'tile-pay']) {
      expect(screen.getByTestId(tile), tile).toBeTruthy();
    }
  });
});
