import { describe, expect, it } from 'vitest';
import { isAllowedNavigation } from './navigation';

describe('isAllowedNavigation', () => {
  it.each([
    'app://kiosk/',
    'app://kiosk/index.html',
    'app://kiosk/index.html#/ticket',
    'APP://KIOSK/index.html',
  ])('allows %s', (url) => expect(isAllowedNavigation(url)).toBe(true));

  it.each([
    'https://kiosk/',
    'http://localhost:5780/',
    'file:///etc/passwd',
    'app://evil/',
    'app://kiosk.evil.example/',
    'app://kiosk@evil/',
    'app://user:pass@kiosk/',
    'app://kiosk:8080/',
    'javascript:alert(1)',
    'data:text/html,<p>hi</p>',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
    'not a url',
    '',
  ])('refuses %s', (url) => expect(isAllowedNavigation(url)).toBe(false));
});
