import { describe, expect, it } from 'vitest';
import { seedBundles, seedDepartments, seedItems } from '../../../central/catalogue/seed-data';
import { initialsOf, matchInitials } from './pinyin-initials';

const joined = (text: string) =>
  initialsOf(text)
    .map((alts) => alts[0])
    .join('');

describe('pinyin initials from the GB 2312 order', () => {
  it('gives the initials of common service names', () => {
    expect(joined('不动产登记')).toBe('bdcdj');
    expect(joined('社会保障卡申领')).toBe('shbzksl');
    expect(joined('住房公积金提取（租房）')).toBe('zfgjjtqzf');
    expect(joined('出生医学证明办理')).toBe('csyxzmbl');
    expect(joined('居民身份证换领')).toBe('jmsfzhl');
    expect(joined('往来港澳通行证')).toBe('wlgatxz');
  });

  it('matches the first character of every initial run (the table boundaries)', () => {
    expect(joined('啊芭擦搭蛾发噶哈击喀垃妈拿哦啪期然撒塌挖昔压匝')).toBe('abcdefghjklmnopqrstwxyz');
    // The last character before each boundary belongs to the previous initial.
    expect(joined('座')).toBe('z');
  });

  it('keeps Latin letters and digits, drops punctuation', () => {
    expect(initialsOf('A级“一件事”')).toEqual(['a', 'j', 'y', 'j', 's']);
  });

  it('offers every reading of a polyphone', () => {
    const bank = initialsOf('银行');
    expect(matchInitials(bank, 'yh')).toBe(0);
    expect(matchInitials(bank, 'yx')).toBe(0);
    expect(matchInitials(initialsOf('重新申领'), 'cxsl')).toBe(0);
  });

  it('handles level-2 and unknown characters by table or not at all', () => {
    expect(joined('深圳')).toBe('sz');
    expect(initialsOf('㐀')).toEqual([]);
  });

  it('finds a run anywhere in the name', () => {
    const initials = initialsOf('不动产抵押权首次登记');
    expect(matchInitials(initials, 'bdc')).toBe(0);
    expect(matchInitials(initials, 'dyq')).toBe(3);
    expect(matchInitials(initials, 'xyz')).toBe(-1);
    expect(matchInitials(initials, '')).toBe(-1);
  });

  it('has an initial for every character of the central seed catalogue names', () => {
    const names = [
      ...seedDepartments.map((d) => d[1]),
      ...seedItems.map((i) => i.zh),
      ...seedBundles.map((b) => b.zh),
    ];
    for (const name of names) {
      const han = [...name].filter((ch) => /\p{Script=Han}/u.test(ch));
      expect(initialsOf(name).length, name).toBe(han.length);
    }
  });
});
