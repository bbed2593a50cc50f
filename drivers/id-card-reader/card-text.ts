import type { CardIdentity, CardReadError, CardType } from './types';

/**
 * The 256-byte text block, declared once. Each field is UTF-16LE, space padded; `codec` says how the
 * card's text maps to a CardIdentity value. encodeCardText and decodeCardText both walk these tables,
 * so the layout cannot drift between the simulator and the reader.
 */
export const TEXT_BLOCK_LENGTH = 256;
export const CARD_TYPE_MARKER_OFFSET = 248;
const MARKER_WIDTH = 2;

type FieldKey = Exclude<keyof CardIdentity, 'cardType'>;
type FieldCodec = 'text' | 'date' | 'valid-to' | 'gender';

export interface TextFieldSpec {
  key: FieldKey;
  offset: number;
  /** In bytes; UTF-16LE, so width / 2 characters. */
  width: number;
  codec: FieldCodec;
}

const RESIDENT_LAYOUT: readonly TextFieldSpec[] = [
  { key: 'name', offset: 0, width: 30, codec: 'text' },
  { key: 'gender', offset: 30, width: 2, codec: 'gender' },
  { key: 'nationCode', offset: 32, width: 4, codec: 'text' },
  { key: 'birthDate', offset: 36, width: 16, codec: 'date' },
  { key: 'address', offset: 52, width: 70, codec: 'text' },
  { key: 'idNumber', offset: 122, width: 36, codec: 'text' },
  { key: 'issuingAuthority', offset: 158, width: 30, codec: 'text' },
  { key: 'validFrom', offset: 188, width: 16, codec: 'date' },
  { key: 'validTo', offset: 204, width: 16, codec: 'valid-to' },
];

/**
 * Foreigner permanent residence card, older ('I') layout from the reference. Mapping onto
 * CardIdentity: `name` carries the English name (the legal name on the card), the Chinese name goes
 * to `chineseName`, `nationCode` the 3-letter nationality, `issuingAuthority` the authority code;
 * the card has no address, so `address` is empty.
 */
const FOREIGNER_LAYOUT: readonly TextFieldSpec[] = [
  { key: 'name', offset: 0, width: 120, codec: 'text' },
  { key: 'gender', offset: 120, width: 2, codec: 'gender' },
  { key: 'idNumber', offset: 122, width: 30, codec: 'text' },
  { key: 'nationCode', offset: 152, width: 6, codec: 'text' },
  { key: 'chineseName', offset: 158, width: 30, codec: 'text' },
  { key: 'validFrom', offset: 188, width: 16, codec: 'date' },
  { key: 'validTo', offset: 204, width: 16, codec: 'valid-to' },
  { key: 'birthDate', offset: 220, width: 16, codec: 'date' },
  { key: 'cardVersion', offset: 236, width: 4, codec: 'text' },
  { key: 'issuingAuthority', offset: 240, width: 8, codec: 'text' },
];

/**
 * 2023 foreigner card ('Y'): ASSUMPTION, to be checked against a real card. The reference gives only
 * its marker. Its number has 18 characters (with a MOD 11-2 check character), which cannot fit the
 * older 30-byte field, so we read it as the resident card stores it (36 bytes at 122) and keep the
 * older layout for everything else except the nationality, which that wider field overlaps and which
 * is therefore not read (nationCode ''). If the real layout differs, the number fails its check
 * character and the read is refused as 'invalid-id-number' rather than returning wrong data.
 */
const FOREIGNER_2023_LAYOUT: readonly TextFieldSpec[] = FOREIGNER_LAYOUT.filter(
  (f) => f.key !== 'idNumber' && f.key !== 'nationCode',
).concat([{ key: 'idNumber', offset: 122, width: 36, codec: 'text' }]);

export const TEXT_LAYOUTS: Readonly<Record<CardType, readonly TextFieldSpec[]>> = {
  resident: RESIDENT_LAYOUT,
  'hmt-residence-permit': [
    ...RESIDENT_LAYOUT,
    { key: 'passNumber', offset: 220, width: 18, codec: 'text' },
    { key: 'issueCount', offset: 238, width: 4, codec: 'text' },
  ],
  'foreign-permanent-resident': FOREIGNER_LAYOUT,
  'foreign-permanent-resident-2023': FOREIGNER_2023_LAYOUT,
};

/** The UTF-16LE character at offset 248; a resident card leaves it blank. */
export const CARD_TYPE_MARKERS: Readonly<Record<CardType, string>> = {
  resident: ' ',
  'hmt-residence-permit': 'J',
  'foreign-permanent-resident': 'I',
  'foreign-permanent-resident-2023': 'Y',
};

const LONG_TERM_TEXT = '长期';
const GENDER_CODES = { male: '1', female: '2', unknown: '0' } as const;

export type CardTextDecodeResult =
  | { ok: true; identity: CardIdentity }
  | { ok: false; error: Extract<CardReadError, 'malformed' | 'unknown-card-type'>; detail: string };

/** Builds the text block of a card (for the simulator and tests). Throws if a value does not fit. */
export function encodeCardText(identity: CardIdentity): Uint8Array {
  const block = Buffer.alloc(TEXT_BLOCK_LENGTH);
  fillSpaces(block, 0, TEXT_BLOCK_LENGTH);
  for (const spec of TEXT_LAYOUTS[identity.cardType]) {
    writeField(block, spec.offset, spec.width, toCardText(spec, identity[spec.key] ?? ''), spec.key);
  }
  writeField(block, CARD_TYPE_MARKER_OFFSET, MARKER_WIDTH, CARD_TYPE_MARKERS[identity.cardType], 'marker');
  return new Uint8Array(block.buffer, block.byteOffset, block.byteLength);
}

export function decodeCardText(bytes: Uint8Array): CardTextDecodeResult {
  if (bytes.length !== TEXT_BLOCK_LENGTH) {
    return { ok: false, error: 'malformed', detail: `text block is ${bytes.length} bytes, expected 256` };
  }
  const marker = readField(bytes, CARD_TYPE_MARKER_OFFSET, MARKER_WIDTH);
  const cardType = cardTypeFromMarker(marker);
  if (!cardType) {
    const code = (bytes[CARD_TYPE_MARKER_OFFSET]! | (bytes[CARD_TYPE_MARKER_OFFSET + 1]! << 8)).toString(16);
    return { ok: false, error: 'unknown-card-type', detail: `card type marker U+${code.padStart(4, '0')}` };
  }
  const identity: CardIdentity = {
    cardType,
    name: '',
    gender: 'unknown',
    nationCode: '',
    birthDate: '',
    address: '',
    idNumber: '',
    issuingAuthority: '',
    validFrom: '',
    validTo: '',
  };
  for (const spec of TEXT_LAYOUTS[cardType]) {
    const value = fromCardText(spec, readField(bytes, spec.offset, spec.width));
    // The detail names the field only: its content is personal data.
    if (value === null)
      return { ok: false, error: 'malformed', detail: `${cardType} field ${spec.key} is malformed` };
    (identity as unknown as Record<string, string>)[spec.key] = value;
  }
  return { ok: true, identity };
}

function cardTypeFromMarker(marker: string): CardType | undefined {
  if (marker === '' || marker === '\0') return 'resident';
  return (Object.keys(CARD_TYPE_MARKERS) as CardType[]).find((t) => CARD_TYPE_MARKERS[t] === marker);
}

function toCardText(spec: TextFieldSpec, value: string): string {
  switch (spec.codec) {
    case 'text':
      return value;
    case 'gender':
      return GENDER_CODES[value as keyof typeof GENDER_CODES] ?? GENDER_CODES.unknown;
    case 'date':
      return isoToCardDate(value, spec.key);
    case 'valid-to':
      return value === 'long-term' ? LONG_TERM_TEXT : isoToCardDate(value, spec.key);
  }
}

function fromCardText(spec: TextFieldSpec, text: string): string | null {
  switch (spec.codec) {
    case 'text':
      return text;
    case 'gender':
      return text === '1' ? 'male' : text === '2' ? 'female' : 'unknown';
    case 'date':
      return cardDateToIso(text);
    case 'valid-to':
      return text === LONG_TERM_TEXT ? 'long-term' : cardDateToIso(text);
  }
}

function isoToCardDate(value: string, key: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) throw new RangeError(`${key} must be YYYY-MM-DD`);
  return `${m[1]}${m[2]}${m[3]}`;
}

function cardDateToIso(text: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

function writeField(block: Buffer, offset: number, width: number, text: string, key: string): void {
  const encoded = Buffer.from(text, 'utf16le');
  if (encoded.length > width) throw new RangeError(`${key} does not fit its ${width}-byte field`);
  fillSpaces(block, offset, width);
  encoded.copy(block, offset);
}

function readField(bytes: Uint8Array, offset: number, width: number): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + offset, width).toString('utf16le');
  // Readers pad with spaces; some firmware pads with NULs.
  return text.replace(/^[\s\0]+|[\s\0]+$/g, '');
}

function fillSpaces(block: Buffer, offset: number, width: number): void {
  for (let i = offset; i + 1 < offset + width; i += 2) {
    block[i] = 0x20;
    block[i + 1] = 0x00;
  }
}
