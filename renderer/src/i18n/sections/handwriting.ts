import type { Strings } from '../strings';

/**
 * The handwriting pad of the on-screen keyboard in both languages. zh-CN.ts and en.ts mount it
 * under `handwriting`.
 */
export const handwritingZh = {
  pad: '手写区：请在这里写一个字',
  hint: '在方框内写一个字，写完后点下方的字',
  undo: '撤销一笔',
  clear: '重写',
  candidates: '候选字',
  pick: '选择“{{text}}”',
  none: '没有认出来，请写大一些、一笔一笔写，或点“重写”。',
  failed: '手写识别暂时不能使用，请改用拼音输入。',
  working: '正在识别…',
};

export const handwritingEn: Strings<typeof handwritingZh> = {
  pad: 'Handwriting pad: write one character here',
  hint: 'Write one character in the box, then tap it below',
  undo: 'Undo stroke',
  clear: 'Clear',
  candidates: 'Candidates',
  pick: 'Choose “{{text}}”',
  none: 'Not recognised. Write larger, one stroke at a time, or tap Clear.',
  failed: 'Handwriting is not available now; please use pinyin instead.',
  working: 'Recognising…',
};
