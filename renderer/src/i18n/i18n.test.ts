// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { errorCodeSchema } from '../../../electron/backend/api/contract';
import { i18n, LANGUAGES, resources } from './index';

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix];
  if (typeof value !== 'object' || value === null) throw new Error(`${prefix}: not a string or object`);
  return Object.entries(value).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

const zhKeys = keysOf(resources['zh-CN'].translation).sort();
const enKeys = keysOf(resources.en.translation).sort();

describe('i18n resources', () => {
  it('lists zh-CN first, as the default', () => {
    expect(LANGUAGES[0]).toBe('zh-CN');
    expect(Object.keys(resources)[0]).toBe('zh-CN');
  });

  it('zh-CN and en have exactly the same keys', () => {
    expect(enKeys).toEqual(zhKeys);
    expect(zhKeys.length).toBeGreaterThan(40);
  });

  it('has no empty string in either language', () => {
    for (const lang of LANGUAGES) {
      const t = i18n.getFixedT(lang);
      for (const key of zhKeys) expect(t(key), `${lang} ${key}`).not.toBe('');
    }
  });

  it('uses the same interpolation placeholders in both languages', () => {
    const placeholders = (lang: 'zh-CN' | 'en', key: string): string[] => {
      const text = key
        .split('.')
        .reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], resources[lang].translation);
      return [...String(text).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();
    };
    for (const key of zhKeys) expect(placeholders('en', key), key).toEqual(placeholders('zh-CN', key));
  });

  it('has a message for every contract error code', () => {
    for (const code of errorCodeSchema.options) {
      expect(zhKeys, code).toContain(`errors.${code}`);
    }
  });

  it('puts the ticket number into a printer error that carries a ticket', () => {
    const zh = i18n.getFixedT('zh-CN');
    expect(zh('errors.printer-paper-out', { context: 'ticket', number: 'A003' })).toBe(
      '打印机缺纸，您的号码已保留：A003。请到服务台领取纸质号票或拍照记下号码。',
    );
    // Without a ticket, the plain message (no dangling placeholder).
    expect(zh('errors.printer-paper-out')).not.toContain('{{');
    // A code without a ticket variant falls back to the plain message.
    expect(zh('errors.internal', { context: 'ticket', number: 'A003' })).toBe(zh('errors.internal'));
  });

  it('uses English plurals', () => {
    const en = i18n.getFixedT('en');
    expect(en('ticket.ahead', { count: 1 })).toBe('1 person ahead of you');
    expect(en('ticket.ahead', { count: 4 })).toBe('4 people ahead of you');
    expect(i18n.getFixedT('zh-CN')('ticket.ahead', { count: 4 })).toBe('您前面还有 4 人在等候');
  });
});
