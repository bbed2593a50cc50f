import { describe, expect, it } from 'vitest';
import { isDocumentCameraAsk } from './permissions';

describe('the permissions the kiosk page gets', () => {
  it('grants the document camera: video alone, asked by app://kiosk', () => {
    expect(
      isDocumentCameraAsk({
        permission: 'media',
        mediaTypes: ['video'],
        requestingUrl: 'app://kiosk/index.html',
        securityOrigin: 'app://kiosk',
      }),
    ).toBe(true);
    // A permission check carries one media type and the origin.
    expect(
      isDocumentCameraAsk({ permission: 'media', mediaType: 'video', securityOrigin: 'app://kiosk' }),
    ).toBe(true);
  });

  it('refuses the microphone, audio with video, unknown media and other permissions', () => {
    const page = { requestingUrl: 'app://kiosk/index.html' };
    expect(isDocumentCameraAsk({ permission: 'media', mediaTypes: ['audio'], ...page })).toBe(false);
    expect(isDocumentCameraAsk({ permission: 'media', mediaTypes: ['video', 'audio'], ...page })).toBe(false);
    expect(isDocumentCameraAsk({ permission: 'media', mediaTypes: [], ...page })).toBe(false);
    expect(isDocumentCameraAsk({ permission: 'media', mediaType: 'unknown', ...page })).toBe(false);
    for (const permission of ['geolocation', 'notifications', 'clipboard-read', 'display-capture', 'hid']) {
      expect(isDocumentCameraAsk({ permission, mediaTypes: ['video'], ...page }), permission).toBe(false);
    }
  });

  it('refuses any other origin, however it is spelt', () => {
    for (const url of [
      'https://evil.example/',
      'app://kiosk.evil/',
      'app://kiosk@evil/',
      'app://kiosk:1/',
      'file:///index.html',
      'not a url',
      undefined,
    ]) {
      expect(
        isDocumentCameraAsk({ permission: 'media', mediaTypes: ['video'], requestingUrl: url }),
        String(url),
      ).toBe(false);
    }
    // The kiosk page asking for media of another origin (an embedded frame) is refused too.
    expect(
      isDocumentCameraAsk({
        permission: 'media',
        mediaTypes: ['video'],
        requestingUrl: 'app://kiosk/index.html',
        securityOrigin: 'https://evil.example',
      }),
    ).toBe(false);
  });
});
