// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import '../../i18n/index';
import { CITIZEN } from '../../testing/fakeBackend';
import { CitizenGreeting } from './CitizenGreeting';
import { offered } from './identification';

afterEach(cleanup);

describe('the greeting fits how the citizen identified', () => {
  it('names the card holder, masked', () => {
    render(<CitizenGreeting citizen={{ ...CITIZEN, source: 'card' }} />);
    expect(screen.getByTestId('citizen-greeting').textContent).toBe('您好，张*');
    expect(screen.getByTestId('citizen-name').textContent).toBe('张*');
  });

  it('says how a typed number or the app’s code came in, never a bare 您好，', () => {
    for (const [source, words] of [
      ['typed', '您好！您已输入身份证号码'],
      ['qr', '您好！您已扫码登录'],
    ] as const) {
      render(<CitizenGreeting citizen={{ ...CITIZEN, maskedName: '', source }} />);
      const greeting = screen.getByTestId('citizen-greeting').textContent;
      expect(greeting).toBe(words);
      expect(greeting?.endsWith('，')).toBe(false);
      expect(screen.queryByTestId('citizen-name')).toBeNull();
      cleanup();
    }
  });
});

describe('what the home screen offers', () => {
  it('offers the card-only journeys to the card holder only', () => {
    const card = { ...CITIZEN, source: 'card' as const };
    const typed = { ...CITIZEN, maskedName: '', source: 'typed' as const };
    for (const journey of ['apply', 'progress', 'pay'] as const) {
      expect(offered(card, journey)).toBe(true);
      expect(offered(typed, journey)).toBe(false);
      expect(offered({ ...typed, source: 'qr' }, journey)).toBe(false);
    }
    for (const journey of ['take-number', 'appointments', 'rate', 'guide'] as const) {
      expect(offered(typed, journey)).toBe(true);
    }
  });
});
