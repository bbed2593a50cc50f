import { createHash } from 'node:crypto';

/**
 * Who holds which e-certificate, in this reference central. A real central asks the provincial
 * e-certificate library (电子证照库); this one answers from a deterministic rule, so tests, demos
 * and the kiosk's end-to-end tests know the answer without a table of holdings:
 *
 * - `ID` (居民身份证电子证照) is held by everyone: the kiosk only asks for a card it has just read.
 * - Any other certificate is held when the first byte of SHA-256(`holding:<code>:<citizenRef>`)
 *   is below HELD_BELOW, i.e. by about three citizens in four, the same answer every time.
 */
export const ALWAYS_HELD: ReadonlySet<string> = new Set(['ID']);
/** 192 of 256: about 75 % of citizens hold any one other certificate. */
export const HELD_BELOW = 192;

export function holdsCertificate(citizenRef: string, materialCode: string): boolean {
  if (ALWAYS_HELD.has(materialCode)) return true;
  const digest = createHash('sha256').update(`holding:${materialCode}:${citizenRef}`).digest();
  return digest[0]! < HELD_BELOW;
}
