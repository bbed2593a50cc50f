import type { ApplyCondition, CardFact, ConditionCheck, FormCondition } from './contract';

/**
 * What the card on the reader can say about an item's conditions (申请条件). The catalogue writes
 * conditions as the department words them, so the kiosk reads only the two facts a card carries —
 * age (年满N周岁, from the birth date, on the hall date) and household registration (X区户籍, from
 * the card's 住址, which is the 户籍 address) — and only in the few shapes where the wording leaves
 * no doubt that they are required. Anything else (或, someone else's 户籍, years of residence,
 * income, care needs) stays a confirmation by the citizen: the card neither proves nor refutes it.
 *
 * Why not the ID number's address code for the region: it says where the number was first issued,
 * and a citizen keeps the number when the registration moves; only the card's address is current.
 * Why not 本市: the kiosk knows its city by code only, and the card's address by name; it stays a
 * confirmation until the catalogue carries region names.
 */

/** The card's facts a condition is checked against. */
export interface CardFacts {
  /** 周岁 on the hall date; undefined when the card's birth date cannot be read. */
  age: number | undefined;
  /** The card's 住址; empty when the card carries none. */
  address: string;
}

const NUMBER = '(\\d{1,3})';
/** 年满80周岁 / 80周岁以上 / 80周岁及以上, at the start of the condition, as a requirement. */
const AGE = `(?:年满${NUMBER}周岁|${NUMBER}周岁(?:及)?以上)`;
/** A district or county named before 户籍: 上城区户籍. */
const REGION = '([\\u4e00-\\u9fff]{1,6}?[区县])';
const FILLER = '(?:的)?(?:老年人|居民|公民)?';

/** The whole condition is age and/or district registration and nothing else: the card decides it. */
const WHOLE = new RegExp(`^(?:申请人)?(?:${AGE}(?:的|且)?)?(?:(?:具有)?${REGION}户籍)?${FILLER}$`, 'u');
/** The condition starts with an age requirement, followed by more (的, 且, a comma) or nothing. */
const AGE_PREFIX = new RegExp(`^(?:申请人)?${AGE}(?=的|且|，|$)`, 'u');
/** A district registration the applicant must have (not a parent's, not one of two choices). */
const REGION_CLAUSE = new RegExp(`(?:^|的|且|具有)${REGION}户籍`, 'u');

/** The card facts a condition's wording requires, and whether they are all it requires. */
export function requiredFacts(text: string): { facts: CardFact[]; whole: boolean } {
  const facts: CardFact[] = [];
  const age = AGE_PREFIX.exec(text);
  const years = age?.[1] ?? age?.[2];
  if (years !== undefined) facts.push({ kind: 'min-age', years: Number(years) });
  // A choice (本区户籍或居住证) cannot be refuted by the registration alone.
  const region = text.includes('或') ? null : REGION_CLAUSE.exec(text);
  if (region?.[1] !== undefined) facts.push({ kind: 'residence', region: region[1] });
  return { facts, whole: facts.length > 0 && WHOLE.test(text) };
}

function meets(fact: CardFact, card: CardFacts): boolean | undefined {
  switch (fact.kind) {
    case 'min-age':
      return card.age === undefined ? undefined : card.age >= fact.years;
    case 'residence':
      return card.address.trim() === '' ? undefined : card.address.includes(fact.region);
  }
}

/**
 * The verdict on one condition: the card shows it is not met (with the first fact it fails), or
 * proves it whole, or leaves it to the citizen's confirmation.
 */
export function checkCondition(text: string, card: CardFacts): ConditionCheck {
  const { facts, whole } = requiredFacts(text);
  const verdicts = facts.map((fact) => ({ fact, met: meets(fact, card) }));
  const failed = verdicts.find((v) => v.met === false);
  if (failed) return { check: 'card-unmet', unmet: failed.fact };
  if (whole && verdicts.every((v) => v.met === true)) return { check: 'card-met' };
  return { check: 'confirm' };
}

/** The form's conditions, each with what the card says of it. */
export function checkConditions(conditions: readonly FormCondition[], card: CardFacts): ApplyCondition[] {
  return conditions.map((c) => ({ ...c, ...checkCondition(c.text, card) }));
}

/** The conditions the card shows are not met: the application is refused whatever is confirmed. */
export function unmetConditions(conditions: readonly ApplyCondition[]): ApplyCondition[] {
  return conditions.filter((c) => c.check === 'card-unmet');
}

/** The conditions the citizen must still confirm (the card proved the others). */
export function toConfirm(conditions: readonly ApplyCondition[]): ApplyCondition[] {
  return conditions.filter((c) => c.check === 'confirm');
}
