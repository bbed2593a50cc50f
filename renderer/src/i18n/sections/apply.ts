import type { Strings } from '../strings';

/**
 * The apply journey (issue 6, journey 6) in both languages. A section file of its own so the
 * journey's words live beside each other; zh-CN.ts and en.ts mount it under `apply`.
 */
export const applyZh = {
  tile: '申请办事',
  tileHint: '填写申请、核对材料、提交办件',
  title: '申请办事',
};

export const applyEn: Strings<typeof applyZh> = {
  tile: 'Apply',
  tileHint: 'Fill in an application, check materials, submit',
  title: 'Apply for a service',
};
