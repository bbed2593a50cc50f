import type { SimulatedDeviceEnd } from '../transports/simulated-link';
import { encodeCardText, TEXT_BLOCK_LENGTH } from './card-text';
import { idCheckCharacter } from '../../domain/id-number';
import { encodeResponse, FrameParser, SDT_COMMANDS } from './sdt-frame';
import type { CardIdentity } from './types';

/**
 * One-shot faults. 'length-error': the next read reply declares lengths its data does not hold;
 * 'split-reply': the next reply leaves the device one byte per write; 'garbage-only': the next
 * command is answered with line noise and no frame (a reader after a power dip).
 */
export type SdtFault =
  | 'checksum-error'
  | 'garbage-before-frame'
  | 'no-response'
  | 'remove-mid-read'
  | 'sam-fault'
  | 'length-error'
  | 'split-reply'
  | 'garbage-only';

const SW3 = {
  success: 0x90,
  findSuccess: 0x9f,
  noCard: 0x80,
  selectFailed: 0x81,
  readFailed: 0x41,
  checksumError: 0x10,
  commandError: 0x21,
  samSelfTestFailed: 0x60,
} as const;
const PHOTO_LENGTH = 1024;
/** Two 512-byte templates, as the fingerprint block of cards that hold fingerprints. */
const FINGERPRINT_LENGTH = 1024;
/** Line noise with a broken preamble in it, so the host has to hunt past a false start. */
const GARBAGE = Uint8Array.of(0x00, 0x13, 0xaa, 0xaa, 0x96, 0xff, 0xaa, 0xaa, 0xaa, 0x96, 0x00, 0x55);
const SAM_ID_DATA = Uint8Array.of(
  0x05,
  0x00,
  0x01,
  0x00,
  0x4e,
  0x61,
  0xbc,
  0x00,
  0x15,
  0xcd,
  0x5b,
  0x07,
  0x30,
  0x39,
  0x00,
  0x00,
);

/**
 * A reader with its SAM, speaking the real frames: host commands are parsed with the real codec and
 * answered with real response frames, so tests and the developer panel exercise the real driver.
 */
export class SimulatedSdtCardDevice {
  private card:
    { identity: CardIdentity; text: Uint8Array; photo: Uint8Array; fingerprint: Uint8Array } | undefined;
  private selected = false;
  private readonly parser = new FrameParser();
  private faults: SdtFault[] = [];
  private statusOverrides: number[] = [];
  private silent = false;
  private failing: 'checksum-error' | { sw3: number } | undefined;
  /** Commands received, for tests that check what the host asked. */
  commandsReceived = 0;

  constructor(private readonly device: SimulatedDeviceEnd) {
    device.onHostData((chunk) => this.onHostData(chunk));
  }

  get hasCard(): boolean {
    return this.card !== undefined;
  }

  /** Throws (a test bug) if the identity does not fit the text block or the photo is not 1024 bytes. */
  placeCard(
    identity: CardIdentity,
    photo: Uint8Array = samplePhoto(),
    fingerprint: Uint8Array = new Uint8Array(0),
  ): void {
    if (photo.length !== PHOTO_LENGTH) throw new RangeError(`photo must be ${PHOTO_LENGTH} bytes`);
    if (fingerprint.length > FINGERPRINT_LENGTH) {
      throw new RangeError(`fingerprint must be at most ${FINGERPRINT_LENGTH} bytes`);
    }
    this.card = {
      identity,
      text: encodeCardText(identity),
      photo: Uint8Array.from(photo),
      fingerprint: Uint8Array.from(fingerprint),
    };
    this.selected = false;
  }

  /** One-shot: the next command is answered with this SW3 (e.g. a SAM failure code 0x31..0x66). */
  injectStatus(sw3: number): void {
    this.statusOverrides.push(sw3 & 0xff);
  }

  /**
   * While set, every command fails this way: each reply's checksum is broken, or each command is
   * answered with this SW3 (e.g. 0x41, read failed). A reader that fails every read.
   */
  setFailing(mode: 'checksum-error' | { sw3: number } | undefined): void {
    this.failing = mode;
  }

  /** While silent, the reader answers nothing at all (a hung reader or a cut receive line). */
  setSilent(silent: boolean): void {
    this.silent = silent;
  }

  removeCard(): void {
    this.card = undefined;
    this.selected = false;
  }

  /** One-shot: applies to the next command ('remove-mid-read': to the next read command). */
  injectFault(fault: SdtFault): void {
    this.faults.push(fault);
  }

  private takeFault(fault: SdtFault): boolean {
    const i = this.faults.indexOf(fault);
    if (i < 0) return false;
    this.faults.splice(i, 1);
    return true;
  }

  private onHostData(chunk: Uint8Array): void {
    for (const result of this.parser.push(chunk)) {
      if (!result.ok) {
        if (result.error === 'checksum') this.reply(SW3.checksumError);
        continue;
      }
      this.onCommand(result.body[0] ?? -1, result.body[1] ?? -1);
    }
  }

  private onCommand(cmd: number, para: number): void {
    this.commandsReceived++;
    if (this.silent || this.takeFault('no-response')) return;
    if (this.takeFault('garbage-only')) return this.device.sendToHost(GARBAGE);
    if (this.takeFault('sam-fault')) return this.reply(SW3.samSelfTestFailed);
    const override =
      this.statusOverrides.shift() ?? (typeof this.failing === 'object' ? this.failing.sw3 : undefined);
    if (override !== undefined) return this.reply(override);
    const is = (c: readonly [number, number]): boolean => c[0] === cmd && c[1] === para;

    if (is(SDT_COMMANDS.findCard)) {
      return this.card
        ? this.reply(SW3.findSuccess, new Uint8Array(4))
        : this.reply(SW3.noCard, new Uint8Array(4));
    }
    if (is(SDT_COMMANDS.selectCard)) {
      if (!this.card) return this.reply(SW3.selectFailed, new Uint8Array(8));
      this.selected = true;
      return this.reply(SW3.success, new Uint8Array(8));
    }
    const withFingerprint = is(SDT_COMMANDS.readTextPhotoFingerprint);
    if (is(SDT_COMMANDS.readTextPhoto) || withFingerprint) {
      if (this.card && this.takeFault('remove-mid-read')) {
        this.removeCard();
        return this.reply(SW3.readFailed);
      }
      if (!this.card || !this.selected) return this.reply(SW3.readFailed);
      return this.reply(SW3.success, this.readReplyData(this.card, withFingerprint));
    }
    if (is(SDT_COMMANDS.samStatus) || is(SDT_COMMANDS.resetSam)) return this.reply(SW3.success);
    if (is(SDT_COMMANDS.readSamId)) return this.reply(SW3.success, SAM_ID_DATA);
    return this.reply(SW3.commandError);
  }

  private readReplyData(
    card: { text: Uint8Array; photo: Uint8Array; fingerprint: Uint8Array },
    withFingerprint: boolean,
  ): Uint8Array {
    const header = withFingerprint ? 6 : 4;
    const fpLength = withFingerprint ? card.fingerprint.length : 0;
    const data = new Uint8Array(header + TEXT_BLOCK_LENGTH + PHOTO_LENGTH + fpLength);
    data.set([TEXT_BLOCK_LENGTH >> 8, TEXT_BLOCK_LENGTH & 0xff, PHOTO_LENGTH >> 8, PHOTO_LENGTH & 0xff], 0);
    if (withFingerprint) data.set([fpLength >> 8, fpLength & 0xff], 4);
    data.set(card.text, header);
    data.set(card.photo, header + TEXT_BLOCK_LENGTH);
    if (withFingerprint) data.set(card.fingerprint, header + TEXT_BLOCK_LENGTH + PHOTO_LENGTH);
    // A reply that says "1024-byte photo" but stops short: the host must call it malformed.
    return this.takeFault('length-error') ? data.subarray(0, data.length - 100) : data;
  }

  private reply(sw3: number, data?: Uint8Array): void {
    let frame = encodeResponse(sw3, data);
    if (this.takeFault('checksum-error') || this.failing === 'checksum-error') {
      frame = Uint8Array.from(frame);
      frame[frame.length - 1] = frame[frame.length - 1]! ^ 0xff;
    }
    if (this.takeFault('garbage-before-frame')) {
      const withGarbage = new Uint8Array(GARBAGE.length + frame.length);
      withGarbage.set(GARBAGE, 0);
      withGarbage.set(frame, GARBAGE.length);
      frame = withGarbage;
    }
    if (this.takeFault('split-reply')) {
      for (let i = 0; i < frame.length; i++) this.device.sendToHost(frame.subarray(i, i + 1));
      return;
    }
    this.device.sendToHost(frame);
  }
}

/** A valid resident identity (its ID number has the right check character). */
export function sampleIdentity(overrides: Partial<CardIdentity> = {}): CardIdentity {
  const first17 = '33010619800101123';
  return {
    cardType: 'resident',
    name: '张三',
    gender: 'male',
    nationCode: '01',
    birthDate: '1980-01-01',
    address: '浙江省杭州市西湖区文三路100号',
    idNumber: first17 + idCheckCharacter(first17),
    issuingAuthority: '杭州市公安局西湖分局',
    validFrom: '2020-01-01',
    validTo: '2040-01-01',
    ...overrides,
  };
}

/** Deterministic stand-in fingerprint templates (not real minutiae). */
export function sampleFingerprint(): Uint8Array {
  const fp = new Uint8Array(FINGERPRINT_LENGTH);
  for (let i = 0; i < FINGERPRINT_LENGTH; i++) fp[i] = (i * 17 + 3) & 0xff;
  return fp;
}

/** A stand-in for the WLT photo: the "WL" magic, then deterministic filler. Not a real image. */
export function samplePhoto(): Uint8Array {
  const photo = new Uint8Array(PHOTO_LENGTH);
  photo[0] = 0x57;
  photo[1] = 0x4c;
  for (let i = 2; i < PHOTO_LENGTH; i++) photo[i] = (i * 31 + 7) & 0xff;
  return photo;
}
