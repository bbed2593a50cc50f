import type { Strings } from '../strings';

/**
 * The one on-screen keyboard in both languages: its tabs and the pinyin input's candidates.
 * zh-CN.ts and en.ts mount it under `keyboard`.
 */
export const keyboardZh = {
  tabs: '输入方式',
  tab: {
    pinyin: '拼音',
    handwriting: '手写',
    letters: '字母 ABC',
    numbers: '数字 123',
  },
  pinyin: {
    composing: '正在输入的拼音',
    hint: '用拼音输入，例如 hangzhou 或首字母 hz，然后点选下面的词',
    candidates: '候选词',
    pick: '选择“{{text}}”',
    previous: '上一组',
    next: '下一组',
    none: '没有找到这个拼音的字词，请检查拼写',
    failed: '拼音输入暂时不能使用，请改用手写输入',
  },
  delete: '删除',
};

export const keyboardEn: Strings<typeof keyboardZh> = {
  tabs: 'Input method',
  tab: {
    pinyin: 'Pinyin',
    handwriting: 'Handwriting',
    letters: 'Letters ABC',
    numbers: 'Numbers 123',
  },
  pinyin: {
    composing: 'Pinyin being typed',
    hint: 'Type pinyin, e.g. hangzhou or the initials hz, then tap a word below',
    candidates: 'Candidates',
    pick: 'Choose “{{text}}”',
    previous: 'Previous',
    next: 'More',
    none: 'No words for this pinyin; please check the spelling',
    failed: 'Pinyin input is not available now; please use handwriting',
  },
  delete: 'Delete',
};
