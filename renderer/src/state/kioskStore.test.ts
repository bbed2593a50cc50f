// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { i18n } from '../i18n';
import { CITIZEN, makeState, makeTicket } from '../testing/fakeBackend';
import {
  applyKioskState,
  resetKioskStore,
  setElderly,
  setLanguage,
  setVoiceGuidance,
  useKioskStore,
} from './kioskStore';

beforeEach(() => resetKioskStore());

describe('kiosk store', () => {
  it('wipes the session when the citizen becomes null, even on the home screen', () => {
    applyKioskState(makeState({ citizen: { ...CITIZEN } }));
    setLanguage('en');
    setElderly(true);
    setVoiceGuidance(true);
    useKioskStore.setState({
      lastTicket: makeTicket(),
      lastCategory: 'A',
      error: { code: 'internal' },
      staffMessage: true,
    });
    const epoch = useKioskStore.getState().sessionEpoch;

    applyKioskState(makeState({ citizen: null }));

    const s = useKioskStore.getState();
    expect(s.kiosk?.citizen).toBeNull();
    expect(s).toMatchObject({
      screen: 'home',
      language: 'zh-CN',
      elderly: false,
      voice: false,
      lastTicket: null,
      lastCategory: null,
      error: null,
      staffMessage: false,
      connection: 'online',
    });
    expect(s.sessionEpoch).toBe(epoch + 1);
    expect(i18n.language).toBe('zh-CN');
  });

  it('keeps the language a visitor chose before placing a card', () => {
    applyKioskState(makeState());
    setLanguage('en');
    applyKioskState(makeState());
    applyKioskState(makeState({ citizen: { ...CITIZEN } }));
    expect(useKioskStore.getState().language).toBe('en');
  });
});
