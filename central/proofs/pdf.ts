import { readFile } from 'node:fs/promises';
import fontkit from '@pdf-lib/fontkit';
import { degrees, PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import type { ProofContent } from './content';
import { SIMULATED_NOTE, writtenDate } from './content';

/**
 * The CJK face embedded in every certificate: WenQuanYi Zen Hei, from Debian's fonts-wqy-zenhei
 * (GPL-2.0 with the font embedding exception, so embedding it does not put the document under the
 * GPL). The file is a TrueType collection of three faces; fontkit picks the face by its PostScript
 * name. Only the glyphs a certificate uses are embedded (pdf-lib subsets through fontkit).
 */
export const DEFAULT_PROOF_FONT_PATH = '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc';
export const PROOF_FONT_FACE = 'WenQuanYiZenHei';
export const PROOF_FONT_ENV = 'CENTRAL_PROOF_FONT';
/** The ceiling for one certificate, so the kiosk's print job stays small. */
export const PROOF_PDF_MAX_BYTES = 300 * 1024;

/** Why a certificate could not be drawn. Carries no personal data: it is logged as it is. */
export class ProofRenderError extends Error {
  constructor(
    readonly reason: 'font-missing' | 'font-unreadable' | 'too-large' | 'render-failed',
    message: string,
  ) {
    super(message);
    this.name = 'ProofRenderError';
  }
}

export interface ProofFont {
  path: string;
  bytes: Uint8Array;
  face: ReturnType<typeof fontkit.create>;
}

const loaded = new Map<string, Promise<ProofFont>>();

/**
 * Opens the font once per path and keeps it: parsing the 16 MB collection takes about 200 ms, a
 * certificate with the parsed face about 30 ms. A failed load is not kept, so a font installed
 * later is picked up by the next request.
 */
export function loadProofFont(path: string = DEFAULT_PROOF_FONT_PATH): Promise<ProofFont> {
  let font = loaded.get(path);
  if (!font) {
    font = openFont(path);
    loaded.set(path, font);
    font.catch(() => loaded.delete(path));
  }
  return font;
}

async function openFont(path: string): Promise<ProofFont> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ProofRenderError(
      code === 'ENOENT' ? 'font-missing' : 'font-unreadable',
      `The certificate font ${path} cannot be read (${code ?? 'error'}); install fonts-wqy-zenhei or set ${PROOF_FONT_ENV}`,
    );
  }
  try {
    const opened = fontkit.create(bytes, PROOF_FONT_FACE) as ReturnType<typeof fontkit.create> | null;
    // A collection without that face answers null; a single-face file is used as it is.
    const face = opened ?? fontkit.create(bytes);
    if (typeof face.createSubset !== 'function') throw new Error('no usable face');
    return { path, bytes, face };
  } catch {
    throw new ProofRenderError(
      'font-unreadable',
      `The certificate font ${path} is not a font fontkit can open`,
    );
  }
}

/** Everything on the paper besides the content: who issued it, where, when, and how to check it. */
export interface ProofPaper {
  content: ProofContent;
  verificationCode: string;
  verifyUrl: string;
  /** The issuing department, for the seal. */
  departmentName: string;
  hallName: string;
  terminalId: string;
  /** Epoch ms, the central's clock. */
  issuedAt: number;
  /** YYYY-MM-DD in hall time. */
  issuedOn: string;
  proofId: string;
}

export interface RenderedProof {
  pdf: Uint8Array;
  pages: number;
}

// A4 in PDF points (1/72 inch).
const A4: [number, number] = [595.28, 841.89];
const MARGIN = 64;
const INK = rgb(0.1, 0.1, 0.1);
const GREY = rgb(0.4, 0.4, 0.4);
const SEAL_RED = rgb(0.82, 0.1, 0.12);

/** Draws one certificate on A4. Throws ProofRenderError only. */
export async function renderProofPdf(paper: ProofPaper, font: ProofFont): Promise<RenderedProof> {
  let pdf: Uint8Array;
  let pages: number;
  try {
    const doc = await PDFDocument.create();
    // The face is parsed already; pdf-lib asks its fontkit to open the bytes, so hand it that face.
    doc.registerFontkit({ create: () => font.face });
    const cjk = await doc.embedFont(font.bytes, { subset: true });
    // Fixed dates and no personal data in the document information: only the item and the issuer.
    doc.setTitle(paper.content.title);
    doc.setSubject(`验证码 ${paper.verificationCode}`);
    doc.setAuthor(paper.departmentName);
    doc.setCreator('Central acceptance API');
    doc.setProducer('pdf-lib');
    doc.setCreationDate(new Date(paper.issuedAt));
    doc.setModificationDate(new Date(paper.issuedAt));
    const page = doc.addPage(A4);
    await drawCertificate(page, cjk, advances(font.face), paper);
    pages = doc.getPageCount();
    pdf = await doc.save();
  } catch (err) {
    if (err instanceof ProofRenderError) throw err;
    throw new ProofRenderError('render-failed', `The certificate could not be drawn: ${(err as Error).name}`);
  }
  if (pdf.byteLength > PROOF_PDF_MAX_BYTES) {
    throw new ProofRenderError(
      'too-large',
      `The certificate is ${pdf.byteLength} bytes, over ${PROOF_PDF_MAX_BYTES}`,
    );
  }
  return { pdf, pages };
}

async function drawCertificate(
  page: PDFPage,
  font: PDFFont,
  measure: Measure,
  paper: ProofPaper,
): Promise<void> {
  const [width, height] = A4;
  const text = (s: string, x: number, y: number, size: number, color = INK) =>
    page.drawText(s, { x, y, size, font, color });
  const centred = (s: string, y: number, size: number, color = INK) =>
    text(s, (width - measure(s, size)) / 2, y, size, color);

  // Header: the code top right, so a clerk reads it without scanning.
  text(`验证码 Verification code：${paper.verificationCode}`, MARGIN, height - 48, 9, GREY);
  text(
    `编号 No. ${paper.proofId}`,
    width - MARGIN - measure(`编号 No. ${paper.proofId}`, 9),
    height - 48,
    9,
    GREY,
  );

  let y = height - 110;
  centred(paper.content.title, y, 24);
  y -= 22;
  centred(paper.content.titleEn, y, 11, GREY);
  y -= 44;

  for (const line of wrap(paper.content.statement, measure, 13, width - 2 * MARGIN - 26, 26)) {
    text(line.text, MARGIN + line.indent, y, 13);
    y -= 22;
  }
  y -= 10;

  // The figures as a two-column table with rules.
  const labelWidth = 170;
  page.drawLine({
    start: { x: MARGIN, y: y + 16 },
    end: { x: width - MARGIN, y: y + 16 },
    thickness: 0.6,
    color: GREY,
  });
  for (const row of paper.content.rows) {
    text(row.label, MARGIN + 6, y, 11.5);
    text(row.labelEn, MARGIN + 6, y - 10, 7, GREY);
    text(row.value, MARGIN + labelWidth, y - 4, 11.5);
    y -= 28;
    page.drawLine({
      start: { x: MARGIN, y: y + 14 },
      end: { x: width - MARGIN, y: y + 14 },
      thickness: 0.3,
      color: GREY,
    });
  }
  y -= 14;
  for (const note of paper.content.notes) {
    for (const line of wrap(`※ ${note}`, measure, 10, width - 2 * MARGIN, 0)) {
      text(line.text, MARGIN, y, 10, GREY);
      y -= 16;
    }
  }

  // Issuer, date and seal, bottom right.
  const issuerY = 320;
  const issuer = paper.departmentName;
  const date = writtenDate(paper.issuedOn);
  text(`出具单位：${issuer}`, width - MARGIN - 230, issuerY, 12);
  text(`出具日期：${date}`, width - MARGIN - 230, issuerY - 22, 12);
  drawSeal(page, font, measure, width - MARGIN - 100, issuerY - 12, issuer);

  // Verification: the QR code and the address, bottom left.
  const qrSide = 96;
  drawQr(page, paper.verifyUrl, MARGIN, 104, qrSide);
  text('扫码或访问以下网址验证本证明真伪', MARGIN + qrSide + 14, 186, 10);
  text('Scan or visit the address to verify this certificate', MARGIN + qrSide + 14, 172, 8, GREY);
  for (const [i, part] of chunk(paper.verifyUrl, 44).entries()) {
    text(part, MARGIN + qrSide + 14, 152 - i * 12, 8.5);
  }
  text(`验证码：${paper.verificationCode}`, MARGIN + qrSide + 14, 116, 11);

  page.drawLine({
    start: { x: MARGIN, y: 92 },
    end: { x: width - MARGIN, y: 92 },
    thickness: 0.3,
    color: GREY,
  });
  text(`打印地点 Printed at：${paper.hallName} 自助终端 ${paper.terminalId}`, MARGIN, 78, 8, GREY);
  for (const [i, line] of wrap(SIMULATED_NOTE, measure, 8, width - 2 * MARGIN, 0).entries()) {
    text(line.text, MARGIN, 64 - i * 11, 8, GREY);
  }
}

/** The width of a text at a size, in points. */
type Measure = (text: string, size: number) => number;

/**
 * Widths from the face's advance widths, kept per character. pdf-lib's widthOfTextAtSize runs
 * fontkit's full shaping on every call (about 2 ms a line in this 45,000-glyph face), and breaking
 * lines asks for hundreds of widths; Chinese and the Latin here have no kerning to lose.
 */
function advances(face: ProofFont['face']): Measure {
  const perEm = face.unitsPerEm;
  const cache = new Map<number, number>();
  return (text, size) => {
    let units = 0;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      let advance = cache.get(cp);
      if (advance === undefined) {
        advance = face.glyphForCodePoint(cp).advanceWidth;
        cache.set(cp, advance);
      }
      units += advance;
    }
    return (units * size) / perEm;
  };
}

/**
 * Breaks a line of mixed Chinese and Latin text to a width. Hand-written rather than the `linebreak`
 * package the receipts use, because here widths are the embedded font's at a size, and Chinese
 * breaks between any two characters; Latin words and numbers are kept whole.
 */
function wrap(
  s: string,
  font: Measure,
  size: number,
  width: number,
  firstIndent: number,
): { text: string; indent: number }[] {
  const tokens = s.match(/[A-Za-z0-9.,:%\-*/()（）']+\s?|[\s\S]/gu) ?? [];
  const lines: { text: string; indent: number }[] = [];
  let current = '';
  let indent = firstIndent;
  for (const token of tokens) {
    const candidate = current + token;
    if (current !== '' && font(candidate.trimEnd(), size) > width - indent) {
      lines.push({ text: current.trimEnd(), indent });
      current = token.trimStart();
      indent = 0;
    } else {
      current = candidate;
    }
  }
  if (current.trim() !== '') lines.push({ text: current.trimEnd(), indent });
  return lines;
}

function chunk(s: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i += n) out.push(s.slice(i, i + n));
  return out;
}

/** The QR code as filled squares, runs of dark modules merged, so it stays vector and small. */
function drawQr(page: PDFPage, url: string, x: number, y: number, side: number): void {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  // A quiet zone of 4 modules on each side, as the standard asks.
  const cell = side / (modules.size + 8);
  const black = rgb(0, 0, 0);
  for (let r = 0; r < modules.size; r++) {
    let c = 0;
    while (c < modules.size) {
      if (!modules.get(r, c)) {
        c += 1;
        continue;
      }
      const start = c;
      while (c < modules.size && modules.get(r, c)) c += 1;
      page.drawRectangle({
        x: x + (start + 4) * cell,
        y: y + side - (r + 5) * cell,
        width: (c - start) * cell,
        height: cell,
        color: black,
      });
    }
  }
}

/** A round seal: the department's name along the top arc, a star, and 证明专用章 below. */
function drawSeal(
  page: PDFPage,
  font: PDFFont,
  measure: Measure,
  cx: number,
  cy: number,
  name: string,
): void {
  const radius = 52;
  page.drawCircle({
    x: cx,
    y: cy,
    size: radius,
    borderColor: SEAL_RED,
    borderWidth: 2.4,
    opacity: 0,
    borderOpacity: 0.85,
  });
  const chars = Array.from(name);
  const size = chars.length > 12 ? 9 : 11;
  // The name runs over 220° of the top arc, left to right, each character upright to the centre.
  const span = (220 * Math.PI) / 180;
  const step = chars.length > 1 ? span / (chars.length - 1) : 0;
  const startAngle = Math.PI / 2 + span / 2;
  chars.forEach((ch, i) => {
    const angle = startAngle - i * step;
    const r = radius - 14;
    const rotation = angle - Math.PI / 2;
    // Offset by half a glyph so each character is centred on its point of the arc.
    const half = measure(ch, size) / 2;
    page.drawText(ch, {
      x: cx + r * Math.cos(angle) - half * Math.cos(rotation),
      y: cy + r * Math.sin(angle) - half * Math.sin(rotation),
      size,
      font,
      color: SEAL_RED,
      rotate: degrees((rotation * 180) / Math.PI),
      opacity: 0.85,
    });
  });
  const star = '★';
  page.drawText(star, {
    x: cx - measure(star, 20) / 2,
    y: cy - 8,
    size: 20,
    font,
    color: SEAL_RED,
    opacity: 0.85,
  });
  const label = '证明专用章';
  page.drawText(label, {
    x: cx - measure(label, 9) / 2,
    y: cy - 30,
    size: 9,
    font,
    color: SEAL_RED,
    opacity: 0.85,
  });
}
