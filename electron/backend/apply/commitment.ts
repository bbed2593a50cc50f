import type { LocalizedText } from '../api/contract';

/**
 * The wording of the written commitment (告知承诺) that replaces a material, and its version. The
 * citizen signs this wording, so it lives here, beside the check of what was signed, and not in
 * the screen's translations: the signature is bound to the exact text and version shown, and a
 * change of wording is a new version (a signature drawn under the old one is asked for again).
 * The Chinese is the commitment; the English beside it is its translation for the reader.
 */
export const COMMITMENT_VERSION = 'GZCN-2026.1';

export function commitmentText(material: LocalizedText): LocalizedText {
  return {
    zh: `本人承诺：${material.zh}所述情况真实、有效。如有不实，本人愿承担相应法律责任，并同意撤销相关办理结果。`,
    en: `I promise that what ${material.en} would show is true and valid. If it is not, I accept the legal consequences and agree that the result may be revoked.`,
  };
}

/** What one signature covers: every commitment signed, one line each, in the checklist's order. */
export function commitmentStatement(materials: readonly { code: string; name: LocalizedText }[]): {
  version: string;
  text: LocalizedText;
  materials: string[];
} {
  const texts = materials.map((m) => commitmentText(m.name));
  return {
    version: COMMITMENT_VERSION,
    text: { zh: texts.map((t) => t.zh).join('\n'), en: texts.map((t) => t.en).join('\n') },
    materials: materials.map((m) => m.code),
  };
}
