import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './load-config';
import { CARD_READER_POSITIONS, kioskConfigSchema } from './schema';

/** The idle screen's settings: where the model's card reader is drawn, and the app's QR code. */
describe('attract screen configuration', () => {
  it('defaults to a reader below the screen on the right and the city app address', () => {
    const config = kioskConfigSchema.parse({});
    expect(config.attract).toEqual({
      cardReaderPosition: 'below-screen-right',
      appQrUrl: 'https://zwfw.example.gov.cn/app',
    });
  });

  it('takes every named reader position and an https app address', () => {
    for (const cardReaderPosition of CARD_READER_POSITIONS) {
      const config = kioskConfigSchema.parse({
        attract: { cardReaderPosition, appQrUrl: 'https://app.hangzhou.gov.cn/get' },
      });
      expect(config.attract.cardReaderPosition).toBe(cardReaderPosition);
      expect(config.attract.appQrUrl).toBe('https://app.hangzhou.gov.cn/get');
    }
  });

  it('refuses a position that is not one of the drawings, naming the choices', () => {
    const parse = () => parseConfig({ attract: { cardReaderPosition: 'on-top' } }, 'kiosk.json');
    expect(parse).toThrow(ConfigError);
    expect(parse).toThrow(/attract\.cardReaderPosition/);
    expect(parse).toThrow(/below-screen-right/);
  });

  it('refuses an app address that is not a web address, and an unknown field', () => {
    expect(() => parseConfig({ attract: { appQrUrl: 'not a url' } }, 'kiosk.json')).toThrow(
      /attract\.appQrUrl/,
    );
    expect(() => parseConfig({ attract: { colour: 'red' } }, 'kiosk.json')).toThrow(/colour/);
  });
});
