import type { Strings } from '../strings';

/**
 * Words around the central's catalogue texts; zh-CN.ts and en.ts mount it under `catalogue`.
 * `inChinese` marks, on an English screen, a condition or fee the catalogue has no English for
 * yet: it is shown in Chinese rather than left out.
 */
export const catalogueZh = {
  inChinese: '（暂无英文）',
};

export const catalogueEn: Strings<typeof catalogueZh> = {
  inChinese: '(in Chinese only)',
};
