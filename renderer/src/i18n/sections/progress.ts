import type { Strings } from '../strings';

/**
 * The progress journey (issue 6, journey 7) in both languages; zh-CN.ts and en.ts mount it under
 * `progress`.
 */
export const progressZh = {
  tile: '办件进度',
  tileHint: '查看您的办件到了哪一步',
  title: '办件进度',
};

export const progressEn: Strings<typeof progressZh> = {
  tile: 'My cases',
  tileHint: 'See where your applications are',
  title: 'Progress of my cases',
};
