import { describe, expect, it } from 'vitest';
import { localizedTextSchema } from './localized-text';

describe('localizedTextSchema', () => {
  it('takes a text in both languages and nothing less', () => {
    expect(localizedTextSchema.parse({ zh: '户籍', en: 'Household registration' })).toEqual({
      zh: '户籍',
      en: 'Household registration',
    });
    expect(localizedTextSchema.safeParse({ zh: '户籍' }).success).toBe(false);
    expect(localizedTextSchema.safeParse('户籍').success).toBe(false);
  });
});
