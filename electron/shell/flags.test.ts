import { describe, expect, it } from 'vitest';
import { parseFlags } from './flags';

describe('parseFlags', () => {
  it('is locked down by default', () => {
    expect(parseFlags(['/opt/kiosk/kiosk', '.'], {})).toEqual({ maintenance: false, configPath: undefined });
  });

  it('turns on maintenance with the documented flag or environment variable', () => {
    expect(parseFlags(['kiosk', '--kiosk-maintenance'], {}).maintenance).toBe(true);
    expect(parseFlags(['kiosk'], { KIOSK_MAINTENANCE: '1' }).maintenance).toBe(true);
    expect(parseFlags(['kiosk'], { KIOSK_MAINTENANCE: 'true' }).maintenance).toBe(true);
  });

  it('does not unlock on look-alikes', () => {
    expect(parseFlags(['kiosk', '--kiosk-maintenance=0'], {}).maintenance).toBe(false);
    expect(parseFlags(['kiosk', '--kiosk-maintenance-mode'], {}).maintenance).toBe(false);
    expect(parseFlags(['kiosk', '--config', '/etc/--kiosk-maintenance.json'], {}).maintenance).toBe(false);
    expect(parseFlags(['kiosk'], { KIOSK_MAINTENANCE: '0' }).maintenance).toBe(false);
    expect(parseFlags(['kiosk'], { KIOSK_MAINTENANCE: '' }).maintenance).toBe(false);
  });

  it('takes the config path from --config, --config= or KIOSK_CONFIG', () => {
    expect(parseFlags(['kiosk', '--config', '/etc/kiosk.json'], {}).configPath).toBe('/etc/kiosk.json');
    expect(parseFlags(['kiosk', '--config=/etc/k.json'], {}).configPath).toBe('/etc/k.json');
    expect(parseFlags(['kiosk'], { KIOSK_CONFIG: '/srv/k.json' }).configPath).toBe('/srv/k.json');
    expect(parseFlags(['kiosk', '--config', '/a.json'], { KIOSK_CONFIG: '/b.json' }).configPath).toBe(
      '/a.json',
    );
  });
});
