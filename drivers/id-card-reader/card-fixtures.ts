import { idCheckCharacter } from '../../domain/id-number';
import { sampleIdentity } from './simulated-sdt-device';
import type { CardIdentity } from './types';

/*
 * Simulator fixtures: one card of each kind the kiosk must handle. Every identity is fictitious and
 * valid (check characters computed, never written by hand). Shared by tests, the developer panel
 * and benchmarks.
 */

function withCheck(first17: string): string {
  return first17 + idCheckCharacter(first17);
}

/** An ordinary resident card. */
export const residentCard: CardIdentity = sampleIdentity();

/**
 * A citizen aged 75 or over (born 1948: 78 in 2026), the age at which the hall's green channel and
 * elderly mode apply.
 */
export const elderlyCitizenCard: CardIdentity = sampleIdentity({
  name: '王秀兰',
  gender: 'female',
  birthDate: '1948-05-12',
  idNumber: withCheck('33010219480512002'),
  address: '浙江省杭州市上城区解放路1号',
  issuingAuthority: '杭州市公安局上城分局',
  validFrom: '2015-06-01',
  validTo: 'long-term',
});

/** Hong Kong / Macao / Taiwan residence permit ('J'): an 83xxxx number and the pass number. */
export const hmtPermitCard: CardIdentity = {
  cardType: 'hmt-residence-permit',
  name: '陈嘉欣',
  gender: 'female',
  nationCode: '',
  birthDate: '1992-08-20',
  address: '广东省深圳市福田区福华路88号',
  idNumber: withCheck('81000019920820004'),
  issuingAuthority: '深圳市公安局',
  validFrom: '2021-03-01',
  validTo: '2026-12-31',
  passNumber: 'H12345678',
  issueCount: '01',
};

/** Foreigner permanent residence card, older layout ('I'): a 15-character number, no address. */
export const foreignerCard: CardIdentity = {
  cardType: 'foreign-permanent-resident',
  name: 'SMITH, JOHN ALEXANDER',
  gender: 'male',
  nationCode: 'GBR',
  birthDate: '1975-04-03',
  address: '',
  idNumber: 'GBR330075040312',
  issuingAuthority: '1500',
  validFrom: '2019-07-01',
  validTo: '2029-07-01',
  chineseName: '史密斯',
  cardVersion: '01',
};

/** The 2023 foreigner card ('Y'): an 18-character number with a MOD 11-2 check character. */
export const foreigner2023Card: CardIdentity = {
  cardType: 'foreign-permanent-resident-2023',
  name: 'MÜLLER, ANNA',
  gender: 'female',
  nationCode: '',
  birthDate: '1988-11-30',
  address: '',
  idNumber: withCheck('93330019881130001'),
  issuingAuthority: '1500',
  validFrom: '2024-01-15',
  validTo: '2034-01-15',
  chineseName: '安娜',
  cardVersion: '02',
};

export const CARD_FIXTURES = {
  resident: residentCard,
  elderly: elderlyCitizenCard,
  'hmt-permit': hmtPermitCard,
  foreigner: foreignerCard,
  'foreigner-2023': foreigner2023Card,
} as const satisfies Record<string, CardIdentity>;

export type CardFixtureName = keyof typeof CARD_FIXTURES;
