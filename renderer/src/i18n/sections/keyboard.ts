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
  address: {
    toCard: '寄到身份证地址',
    toOther: '寄到其他地址',
    recipient: '收件人姓名（用拼音或手写输入）',
    recipientPlaceholder: '点这里，再输入收件人姓名',
    region: '所在区和街道',
    district: '区',
    street: '街道',
    regionsFailed: '暂时取不到地区列表，请稍后再试或选择窗口领取',
    detail: '详细地址（路名、门牌号、小区、楼号、室）',
    detailPlaceholder: '点这里，再输入详细地址',
  },
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
  address: {
    toCard: 'To the address on the ID card',
    toOther: 'To another address',
    recipient: 'Recipient’s name (type by pinyin or handwriting)',
    recipientPlaceholder: 'Tap here, then type the recipient’s name',
    region: 'District and subdistrict',
    district: 'District',
    street: 'Subdistrict',
    regionsFailed: 'The list of areas is not available now; try again later or collect at the window',
    detail: 'Street address (road, number, estate, building, room)',
    detailPlaceholder: 'Tap here, then type the street address',
  },
};
