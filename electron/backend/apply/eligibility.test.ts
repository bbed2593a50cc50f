import { describe, expect, it } from 'vitest';
import { seedItems, seedVariants } from '../../../central/catalogue/seed-data';
import { checkCondition, requiredFacts } from './eligibility';

const SHANGCHENG_78 = { age: 78, address: '浙江省杭州市上城区解放路1号' };

describe('what the card can say of a condition', () => {
  it('reads an age and a district only where the wording requires them', () => {
    expect(requiredFacts('年满80周岁的上城区户籍老年人')).toEqual({
      facts: [
        { kind: 'min-age', years: 80 },
        { kind: 'residence', region: '上城区' },
      ],
      whole: true,
    });
    expect(requiredFacts('年满80周岁且西湖区户籍满3年的老年人')).toEqual({
      facts: [
        { kind: 'min-age', years: 80 },
        { kind: 'residence', region: '西湖区' },
      ],
      // Three years of registration: the card cannot show how long.
      whole: false,
    });
    expect(requiredFacts('申请人具有上城区户籍')).toEqual({
      facts: [{ kind: 'residence', region: '上城区' }],
      whole: true,
    });
    expect(requiredFacts('年满60周岁的本市户籍或常住老年人')).toEqual({
      facts: [{ kind: 'min-age', years: 60 }],
      whole: false,
    });
  });

  it('leaves choices, rates and other people’s registration to the citizen', () => {
    for (const text of [
      '年满16周岁或未满16周岁自愿申领的本市户籍公民',
      '按月发放，90周岁以上提高标准',
      '新生儿父母一方为本市户籍',
      '夫妻双方或一方户籍在本市',
      '本市户籍或持有本市居住证的灵活就业人员',
      '家庭月人均收入低于1,280元',
    ]) {
      expect(requiredFacts(text), text).toEqual({ facts: [], whole: false });
      expect(checkCondition(text, SHANGCHENG_78), text).toEqual({ check: 'confirm' });
    }
  });

  it('refuses on the first fact the card fails, proves a whole condition, else asks', () => {
    expect(checkCondition('年满80周岁的上城区户籍老年人', SHANGCHENG_78)).toEqual({
      check: 'card-unmet',
      unmet: { kind: 'min-age', years: 80 },
    });
    expect(checkCondition('年满80周岁的上城区户籍老年人', { ...SHANGCHENG_78, age: 80 })).toEqual({
      check: 'card-met',
    });
    expect(checkCondition('上城区户籍老年人', { age: 90, address: '浙江省杭州市西湖区文三路100号' })).toEqual(
      { check: 'card-unmet', unmet: { kind: 'residence', region: '上城区' } },
    );
    expect(checkCondition('年满80周岁且西湖区户籍满3年的老年人', { ...SHANGCHENG_78, age: 85 })).toEqual({
      check: 'card-unmet',
      unmet: { kind: 'residence', region: '西湖区' },
    });
  });

  it('asks rather than refuses when the card lacks the fact (no birth date, no address)', () => {
    expect(checkCondition('年满80周岁的上城区户籍老年人', { age: undefined, address: '' })).toEqual({
      check: 'confirm',
    });
  });

  it('finds in the catalogue only facts it can read: ages and districts', () => {
    const all = [...seedItems.flatMap((i) => i.conditions), ...seedVariants.flatMap((v) => v.conditions)];
    const facts = all.flatMap((text) => requiredFacts(text).facts);
    expect(facts.length).toBeGreaterThan(0);
    for (const f of facts) {
      if (f.kind === 'min-age') expect([16, 60, 80]).toContain(f.years);
      else expect(['上城区', '西湖区']).toContain(f.region);
    }
  });
});
