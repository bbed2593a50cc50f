export type CardType =
  'resident' | 'hmt-residence-permit' | 'foreign-permanent-resident' | 'foreign-permanent-resident-2023';

export interface CardIdentity {
  cardType: CardType;
  /** Chinese name; for foreigner cards the English name as printed on the card. */
  name: string;
  gender: 'male' | 'female' | 'unknown';
  /** Resident / HMT: 2-digit GB 3304 code. Foreigner cards: the 3-letter nationality code. */
  nationCode: string;
  /** YYYY-MM-DD */
  birthDate: string;
  /** Empty for foreigner cards (they carry no address). */
  address: string;
  idNumber: string;
  /** Foreigner cards: the issuing authority code. */
  issuingAuthority: string;
  /** YYYY-MM-DD */
  validFrom: string;
  /** YYYY-MM-DD or 'long-term' (长期) */
  validTo: string;
  /** HMT residence permit only. */
  passNumber?: string;
  /** HMT residence permit only. */
  issueCount?: string;
  /** Foreigner cards only: the Chinese name, when the card has one. */
  chineseName?: string;
  /** Foreigner cards only: the card version field. */
  cardVersion?: string;
}

export interface CardRead {
  identity: CardIdentity;
  /** Raw WLT bytes, never decoded here. */
  photo: Uint8Array;
  /**
   * Raw fingerprint templates, only from a read with fingerprint; empty when the card holds none.
   * Biometric data: never logged, never stored, only handed to a licensed matcher.
   */
  fingerprint?: Uint8Array;
}

/** The licensed decoder that ships with the reader. Optional; never invent one. */
export interface PhotoDecoder {
  decode(wlt: Uint8Array): Promise<Uint8Array | null>;
}

export type CardReadError =
  | 'no-card'
  | 'select-failed'
  | 'read-failed'
  | 'timeout'
  | 'checksum'
  | 'unknown-card-type'
  | 'sam-error'
  | 'invalid-id-number'
  | 'malformed'
  | 'disconnected';

export interface CardReadFailure {
  ok: false;
  error: CardReadError;
  /** For logs; never contains personal data. */
  detail: string;
}

export type CardReadResult = { ok: true; card: CardRead } | CardReadFailure;
