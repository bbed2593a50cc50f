import { beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_PLACE_WEIGHT, PinyinIndex } from './candidates';
import type { DictionaryWord } from './dictionary';
import { testPinyinService } from './test-support';

const texts = (index: PinyinIndex, input: string, page = 0, size = 8) =>
  index.lookup(input, page, size).candidates.map((c) => c.text);

describe('candidates from the real dictionary (jieba, with the seed hall’s places)', () => {
  let index: PinyinIndex;
  beforeAll(async () => {
    ({ index } = await testPinyinService());
  }, 120_000);

  it('offers 杭州 first for hangzhou, and 西湖区 first for xihuqu', () => {
    expect(texts(index, 'hangzhou')[0]).toBe('杭州');
    expect(texts(index, 'xihuqu')[0]).toBe('西湖区');
    expect(texts(index, 'hangzhoushi')[0]).toBe('杭州市');
  });

  it('takes initials and a syllable begun: hz, xhq, xihuq, hangz', () => {
    expect(texts(index, 'hz').slice(0, 3)).toContain('杭州');
    expect(texts(index, 'xhq')[0]).toBe('西湖区');
    expect(texts(index, 'xihuq')[0]).toBe('西湖区');
    expect(texts(index, 'hangz')[0]).toBe('杭州');
    expect(texts(index, 'shenfenzh')[0]).toBe('身份证');
  });

  it('orders by frequency: common words before rare ones of the same pinyin', () => {
    // 身份证 is far more frequent in the corpus than the variant 身分证.
    const shen = texts(index, 'shenfenzheng');
    expect(shen.indexOf('身份证')).toBeLessThan(shen.indexOf('身分证'));
    // A character's common reading outweighs another's rare one: 先 before 见 (xian, archaic).
    const xian = texts(index, 'xian', 0, 20);
    expect(xian[0]).not.toBe('见');
    expect(xian.slice(0, 4)).toEqual(expect.arrayContaining(['先', '现']));
  });

  it('reaches every place of the hall’s city, short and full (the central’s regions)', () => {
    expect(texts(index, 'wenershequ')[0]).toBe('文二社区');
    expect(texts(index, 'xixijiedao')[0]).toBe('西溪街道');
    expect(texts(index, 'shangchengqu')[0]).toBe('上城区');
    expect(texts(index, 'zhuantang')[0]).toBe('转塘');
    expect(texts(index, 'dongpolu')[0]).toBe('东坡路');
    expect(texts(index, 'dongpolushequ')[0]).toBe('东坡路社区');
  });

  it('offers a word for the start of a longer input and says how much of it it stands for', () => {
    const page = index.lookup('hangzhouxihu', 0, 8);
    expect(page.candidates[0]).toEqual({ text: '杭州', consumed: 8 });
    expect(index.lookup('xihu', 0, 8).candidates[0]).toEqual({ text: '西湖', consumed: 4 });
  });

  it('types a name character by character: zhang, then wei', () => {
    expect(texts(index, 'zhang').slice(0, 3)).toContain('张');
    // A given name's character is rarer in the corpus than in names: within the first two pages (counted in names too).
    expect(texts(index, 'wei', 0, 16)).toContain('伟');
    // Traditional forms and rare characters come after everyday ones.
    expect(texts(index, 'zhang', 0, 16)).not.toContain('張');
    expect(texts(index, 'zhangwei')[0]).toBe('张');
    expect(index.lookup('zhangwei', 0, 8).candidates[0]!.consumed).toBe(5);
  });

  it("separates syllables with ': xi'an is 西安, xian is not", () => {
    expect(texts(index, "xi'an")[0]).toBe('西安');
    expect(texts(index, 'xian')[0]).not.toBe('西安');
  });

  it('writes ü as v: lv gives 绿 and 旅', () => {
    expect(texts(index, 'lv')).toEqual(expect.arrayContaining(['绿', '旅']));
  });

  it('pages without repeating or losing a candidate, and says when there are no more', () => {
    const seen: string[] = [];
    let page = 0;
    for (;;) {
      const { candidates, hasMore } = index.lookup('hz', page, 8);
      seen.push(...candidates.map((c) => c.text));
      if (!hasMore) break;
      page++;
      expect(page).toBeLessThan(500);
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThan(50);
    expect(texts(index, 'hz', 0, 16)).toEqual([...texts(index, 'hz', 0, 8), ...texts(index, 'hz', 1, 8)]);
    expect(index.lookup('hz', page + 1, 8)).toEqual({ candidates: [], hasMore: false });
  });

  it('answers letters that spell no Chinese with nothing rather than an error', () => {
    expect(index.lookup('vvvv', 0, 8)).toEqual({ candidates: [], hasMore: false });
    expect(index.lookup('q', 0, 8).candidates.length).toBe(8);
  });
});

describe('candidate order over a small dictionary', () => {
  const word = (text: string, syllables: string, frequency: number): DictionaryWord => ({
    text,
    syllables: syllables.split(' '),
    frequency,
  });
  const small = () =>
    new PinyinIndex([
      word('孩子', 'hai zi', 17_000),
      word('合作', 'he zuo', 13_000),
      word('杭州', 'hang zhou', 2_800),
      word('行', 'hang', 9_000),
      word('杭', 'hang', 300),
      word('州', 'zhou', 800),
    ]);

  it('puts the whole input spelled out before abbreviations, and those before a start only', () => {
    const index = small();
    expect(index.lookup('hangzhou', 0, 8).candidates).toEqual([
      { text: '杭州', consumed: 8 },
      { text: '行', consumed: 4 },
      { text: '杭', consumed: 4 },
    ]);
    expect(index.lookup('hz', 0, 8).candidates.map((c) => c.text)).toEqual(['孩子', '合作', '杭州']);
  });

  it('weights the hall’s places up and adds those the dictionary lacks', () => {
    const index = small();
    index.addLocalPlaces([word('杭州', 'hang zhou', 1), word('转塘', 'zhuan tang', 1)]);
    expect(index.lookup('hz', 0, 8).candidates[0]!.text).toBe('杭州');
    expect(index.lookup('zt', 0, 8).candidates).toEqual([{ text: '转塘', consumed: 2 }]);
    expect(2_800 * LOCAL_PLACE_WEIGHT).toBeGreaterThan(17_000);
  });

  it('does not take the middle of a syllable for a whole one (zhan|g|wei is not 张国维)', () => {
    const index = new PinyinIndex([word('张国维', 'zhang guo wei', 50), word('张', 'zhang', 10)]);
    expect(index.lookup('zhangwei', 0, 8).candidates).toEqual([{ text: '张', consumed: 5 }]);
    expect(index.lookup('zhgw', 0, 8).candidates[0]!.text).toBe('张国维');
  });
});
