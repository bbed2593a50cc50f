import sharp from 'sharp';
import type { CommitmentSignature } from '../../../central/cases/signature-contract';
import { checkSignatureImage } from '../../../central/cases/signature-image';
import { SIGNATURE_MAX_PNG_BYTES } from '../../../domain/signature';
import type { LocalizedText } from '../api/contract';
import { commitmentStatement } from './commitment';

/** Why a drawn signature was not taken; the screen shows `apply.errors.<reason>`. */
export type SignatureRefusal = 'signature-blank' | 'signature-too-small' | 'signature-invalid';

/**
 * Width the stored image is scaled down to at most: a signature stays legible at half a receipt's
 * width, and a high-density screen's canvas (twice or three times as wide) would otherwise spend
 * the central's request limit on pixels nobody needs.
 */
export const SIGNATURE_STORED_WIDTH = 800;

/**
 * The signature as it is stored and sent: the drawn image checked by the central's own rule (so
 * the kiosk never queues what the central would refuse), then flattened on white and re-encoded
 * as a four-grey palette PNG, a few kilobytes. Only then is it sealed into the outbox.
 */
export async function storedSignatureImage(
  base64: string,
): Promise<{ ok: true; png: Buffer } | { ok: false; reason: SignatureRefusal }> {
  // The pad's image may be larger than the central's limit before it is shrunk here.
  const drawn = Buffer.from(base64, 'base64');
  let shrunk: Buffer;
  try {
    shrunk = await sharp(drawn, { limitInputPixels: 4000 * 2000 })
      .resize({ width: SIGNATURE_STORED_WIDTH, withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .greyscale()
      .png({ palette: true, colours: 4, compressionLevel: 9 })
      .toBuffer();
  } catch {
    return { ok: false, reason: 'signature-invalid' };
  }
  if (shrunk.length > SIGNATURE_MAX_PNG_BYTES) return { ok: false, reason: 'signature-invalid' };
  const check = await checkSignatureImage(shrunk.toString('base64'));
  if (check.ok) return { ok: true, png: shrunk };
  return {
    ok: false,
    reason:
      check.reason === 'blank'
        ? 'signature-blank'
        : check.reason === 'too-small'
          ? 'signature-too-small'
          : 'signature-invalid',
  };
}

interface HeldSignature {
  citizenRef: string;
  /** The item or bundle it was signed for. */
  selection: string;
  record: CommitmentSignature;
}

/**
 * The signature of the citizen on the reader, held in memory between the commitments step and the
 * submission, for one selection; forgotten when the session ends. Never logged.
 */
export class SessionSignature {
  private held: HeldSignature | null = null;

  /** Binds the image to the wording of these commitments and the time (the kiosk's clock). */
  keep(
    citizenRef: string,
    selection: string,
    png: Buffer,
    commitments: readonly { code: string; name: LocalizedText }[],
    now: number,
  ): CommitmentSignature {
    const record: CommitmentSignature = {
      imagePng: png.toString('base64'),
      signedAt: new Date(now).toISOString(),
      commitment: commitmentStatement(commitments),
    };
    this.held = { citizenRef, selection, record };
    return record;
  }

  /** The signature covering exactly these commitments of this selection, by this citizen. */
  covering(citizenRef: string, selection: string, codes: readonly string[]): CommitmentSignature | undefined {
    const h = this.held;
    if (!h || h.citizenRef !== citizenRef || h.selection !== selection) return undefined;
    const signed = h.record.commitment.materials;
    const same = signed.length === codes.length && codes.every((c) => signed.includes(c));
    return same ? h.record : undefined;
  }

  clear(): void {
    this.held = null;
  }
}
