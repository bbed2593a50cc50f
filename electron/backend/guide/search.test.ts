import { describe, expect, it } from 'vitest';
import { CITY_REGION } from '../../../central/catalogue/seed-data';
import { tempDbPath } from '../../../central/cases/test-support';
import { openCentralDatabase } from '../../../central/db/database';
import { CatalogueStore } from '../../../central/catalogue/store';
import { indexEntry, matchEntry, MatchTier, rankEntries, type SearchEntry } from './search';

const entry = (code: string, zh: string, en: string, more: Partial<SearchEntry> = {}): SearchEntry => ({
  code,
  name: { zh, en },
  ...more,
});
const tierOf = (e: SearchEntry, q: string) => matchEntry(indexEntry(e), q)?.tier ?? null;
const codes = (list: SearchEntry[], q: string) =>
  rankEntries(list, (e) => indexEntry(e), q).map((e) => e.code);

describe('guide search: how each kind of match ranks', () => {
  const card = entry('GG02002001', '社会保障卡申领', 'Social security card application', {
    aliases: ['社保卡', '社保', 'SB'],
    departmentAliases: ['人社局'],
  });

  it('tells the tiers apart', () => {
    expect(tierOf(card, '社会保障卡申领')).toBe(MatchTier.exactName);
    expect(tierOf(card, 'social security card application')).toBe(MatchTier.exactName);
    expect(tierOf(card, 'gg02002001')).toBe(MatchTier.exactName);
    expect(tierOf(card, '社保')).toBe(MatchTier.alias);
    expect(tierOf(card, 'SB')).toBe(MatchTier.alias);
    expect(tierOf(card, 'shebao')).toBe(MatchTier.alias);
    expect(tierOf(card, 'rsj')).toBe(MatchTier.departmentAlias);
    expect(tierOf(card, 'shbzk')).toBe(MatchTier.initials);
    expect(tierOf(card, 'baozhangka')).toBe(MatchTier.fullPinyin);
    expect(tierOf(card, '保障卡')).toBe(MatchTier.substring);
    expect(tierOf(card, 'security')).toBe(MatchTier.substring);
    expect(tierOf(card, 'GG020')).toBe(MatchTier.substring);
    expect(tierOf(card, 'yyzz')).toBeNull();
    expect(tierOf(card, '   ')).toBeNull();
  });

  it('orders exact name > alias > initials > full pinyin > substring', () => {
    const byText = [
      entry('XX00000001', '办理社保', 'x'), // 社保 inside the name
      entry('XX00000002', '职工基本养老保险参保登记', 'x', { aliases: ['社保'] }),
      entry('XX00000003', '社保', 'x'),
    ];
    expect(codes(byText, '社保')).toEqual(['XX00000003', 'XX00000002', 'XX00000001']);
    const byLetters = [
      entry('XX00000011', '城市规划', 'urban plan'), // "an" inside the English name only
      entry('XX00000012', '安全检查', 'x'), // "an" as full pinyin (anquan)
      entry('XX00000013', '爱农补贴', 'x'), // "an" as initials (ai nong)
      entry('XX00000014', '其他', 'x', { aliases: ['AN'] }),
      entry('XX00000015', '没有', 'an'),
    ];
    expect(codes(byLetters, 'an')).toEqual([
      'XX00000015',
      'XX00000014',
      'XX00000013',
      'XX00000012',
      'XX00000011',
    ]);
  });

  it('reads polyphones as they are said in their word', () => {
    const chongqing = entry('QR06005001', '重庆市户口迁入', 'x');
    expect(tierOf(chongqing, 'chongqing')).toBe(MatchTier.fullPinyin);
    expect(tierOf(chongqing, 'cq')).toBe(MatchTier.initials);
    expect(tierOf(chongqing, 'zhongqing')).toBeNull();
    const bank = entry('GG00000001', '本人银行账户信息', 'x');
    expect(tierOf(bank, 'yinhang')).toBe(MatchTier.fullPinyin);
    expect(tierOf(bank, 'yh')).toBe(MatchTier.initials);
    expect(tierOf(bank, 'yinxing')).toBeNull();
    expect(tierOf(entry('GG06003001', '重新申领', 'x'), 'cxsl')).toBe(MatchTier.initials);
  });

  it('matches full pinyin only from the start of a syllable', () => {
    const e = entry('QR01001001', '不动产登记', 'x');
    expect(tierOf(e, 'budongchan')).toBe(MatchTier.fullPinyin);
    expect(tierOf(e, 'dongchan')).toBe(MatchTier.fullPinyin);
    expect(tierOf(e, 'ongchan')).toBeNull();
  });

  it("matches a department's alias only whole, and after the item's own name", () => {
    const gt = { departmentAliases: ['不动产中心'] };
    const list = [
      entry('QR01001001', '国有建设用地使用权及房屋所有权转移登记（二手房买卖）', 'x', gt),
      entry('QR01003001', '不动产抵押权首次登记', 'x', gt),
    ];
    expect(codes(list, 'bdc')).toEqual(['QR01003001']);
    expect(codes(list, '不动产')).toEqual(['QR01003001']);
    expect(codes(list, '不动产中心')).toEqual(['QR01001001', 'QR01003001']);
  });

  it('puts a match nearer the start of the name first within a tier, then keeps catalogue order', () => {
    const list = [
      entry('B', '不动产抵押权首次登记', 'x'),
      entry('A', '登记资料查询', 'x'),
      entry('C', '婚姻登记', 'x'),
    ];
    expect(codes(list, 'dj')).toEqual(['A', 'C', 'B']);
  });
});

describe('guide search over the reference catalogue', () => {
  const db = openCentralDatabase(tempDbPath(), { seed: true });
  const store = new CatalogueStore(db);
  const departments = new Map(store.departments().map((d) => [d.departmentId, d.aliases ?? []]));
  const items = store.items(CITY_REGION).map((i) =>
    entry(i.itemCode, i.name.zh, i.name.en, {
      aliases: i.aliases ?? [],
      departmentAliases: departments.get(i.departmentId) ?? [],
    }),
  );
  db.close();
  const first = (q: string, n = 3) => codes(items, q).slice(0, n);

  it('understands SB (社保), YB (医保) and YYZZ (营业执照)', () => {
    // The social security card and pension enrolment, before anything else with "s…b…".
    expect(first('SB', 2).sort()).toEqual(['GG02002001', 'QR02001001']);
    expect(first('YB', 1)).toEqual(['QR02101001']);
    expect(first('yb', 3)).toEqual(expect.arrayContaining(['QR02101001', 'GG02102001', 'GG02103001']));
    expect(first('YYZZ', 2).sort()).toEqual(['QR04001001', 'QR04002001']);
    expect(first('营业执照', 2).sort()).toEqual(['QR04001001', 'QR04002001']);
    expect(first('gjj', 1)).toEqual(expect.arrayContaining([expect.stringMatching(/^(QR|JF|GG)03/)]));
  });

  it('still finds by initials and by full pinyin of the name', () => {
    expect(first('bdcdy', 1)).toEqual(['QR01003001']);
    expect(first('huzhao', 1)).toEqual(['GG08001001']);
  });
});
