import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, configPathFrom, loadConfig, parseConfig } from './load-config';
import { allDevicesSimulated } from './schema';

function write(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'kiosk-config-')), 'kiosk.json');
  writeFileSync(path, content);
  return path;
}

describe('kiosk configuration', () => {
  it('defaults to a fully simulated kiosk against the embedded central', () => {
    const config = loadConfig(undefined);
    expect(config.central.mode).toBe('embedded');
    expect(allDevicesSimulated(config)).toBe(true);
    expect(config.languages).toEqual(['zh-CN', 'en']);
  });

  it('takes the file from --config, --config=, then KIOSK_CONFIG', () => {
    expect(configPathFrom(['--config', 'a.json'], { KIOSK_CONFIG: 'b.json' })).toBe('a.json');
    expect(configPathFrom(['--config=c.json'], {})).toBe('c.json');
    expect(configPathFrom([], { KIOSK_CONFIG: 'b.json' })).toBe('b.json');
    expect(configPathFrom([], {})).toBeUndefined();
  });

  it('names the field, the value and what is expected for every bad field', () => {
    const path = write(
      JSON.stringify({
        terminalId: 'x',
        devices: { receiptPrinter: { paperWidthMm: 70 } },
        languages: ['fr'],
      }),
    );
    let error: unknown;
    try {
      loadConfig(path);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain(path);
    expect(message).toMatch(/terminalId: got "x", expected letters, digits and dashes/);
    expect(message).toMatch(
      /devices\.receiptPrinter\.paperWidthMm: got 70, expected a paper width of 58 or 80/,
    );
    expect(message).toMatch(/languages\.0: got "fr"/);
    expect(message).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses unknown keys, so a typo is not silently ignored', () => {
    expect(() => parseConfig({ terminalID: 'KIOSK-1' })).toThrow(/terminalID/);
  });

  it('requires a base URL for a remote central', () => {
    expect(() => parseConfig({ central: { mode: 'remote' } })).toThrow(/central\.baseUrl: got nothing/);
    expect(
      parseConfig({ central: { mode: 'remote', baseUrl: 'https://central.example.gov.cn' } }).central.mode,
    ).toBe('remote');
  });

  it('explains a file that is not JSON or cannot be read', () => {
    expect(() => loadConfig(write('{ "terminalId": '))).toThrow(/is not valid JSON/);
    expect(() => loadConfig('/nonexistent/kiosk.json')).toThrow(/cannot be read \(ENOENT\)/);
  });

  it('accepts a serial reader with a stable path', () => {
    const config = parseConfig({
      devices: { idCardReader: { transport: { kind: 'serial', path: '/dev/serial/by-id/usb-reader' } } },
    });
    expect(config.devices.idCardReader.transport).toEqual({
      kind: 'serial',
      path: '/dev/serial/by-id/usb-reader',
      baudRate: 115200,
    });
    expect(allDevicesSimulated(config)).toBe(false);
  });

  it('gives a JSON error as line and column, never a character offset or the text around it', () => {
    const path = write(
      '{\n  "terminalId": "KIOSK-A",\n  "central": { "deviceToken": "secret-token-0123456789" x }\n}\n',
    );
    let message = '';
    try {
      loadConfig(path);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toBe(`The kiosk configuration file ${path} is not valid JSON: at line 3, column 57.`);
    expect(message).not.toMatch(/position|offset|secret-token/);
    expect(() => loadConfig(write('{ "terminalId": "KIOSK-A",'))).toThrow(/ends too early/);
  });

  it('refuses to start a remote central with no device token in the file (never the development one silently)', () => {
    const path = write(
      JSON.stringify({ central: { mode: 'remote', baseUrl: 'https://central.hangzhou.gov.cn' } }),
    );
    expect(() => loadConfig(path)).toThrow(
      /central\.deviceToken: got nothing, expected the device token that "kiosk-config enrol --config <file> --code <one-time code>" writes/,
    );
    // The provisioning commands that come before enrolment (and enrol itself) may read it.
    expect(loadConfig(path, { allowUnenrolled: true }).central.mode).toBe('remote');
    const enrolled = write(
      JSON.stringify({
        central: {
          mode: 'remote',
          baseUrl: 'https://central.hangzhou.gov.cn',
          deviceToken: 'issued-token-0123456789',
        },
      }),
    );
    expect(loadConfig(enrolled).central.deviceToken).toBe('issued-token-0123456789');
    expect(loadConfig(write('{}')).central.mode).toBe('embedded');
  });
});
