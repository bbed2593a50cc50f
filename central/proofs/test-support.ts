// Helpers shared by the certificate tests (not a test file itself): read a PDF back as poppler and
// zbar read it, the way the printed paper is checked in the A4 printer's tests.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDict, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream } from 'pdf-lib';

function tempPdf(pdf: Uint8Array): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'proof-pdf-'));
  const file = join(dir, 'proof.pdf');
  writeFileSync(file, pdf);
  return { dir, file };
}

/** The text of a PDF as `pdftotext` (poppler-utils) extracts it. */
export function pdfText(pdf: Uint8Array): string {
  return execFileSync('pdftotext', [tempPdf(pdf).file, '-'], { encoding: 'utf8' });
}

/** The QR codes on the first page, rendered at 150 dpi by `pdftoppm` and read by `zbarimg`. */
export function pdfQrCodes(pdf: Uint8Array): string[] {
  const { dir, file } = tempPdf(pdf);
  const png = join(dir, 'page');
  execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', '-f', '1', '-l', '1', file, png]);
  const out = execFileSync('zbarimg', ['--quiet', '--raw', `${png}.png`], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return out.split('\n').filter((l) => l !== '');
}

/** Every TrueType program embedded in the PDF, opened with fontkit: their glyph counts tell a subset. */
export async function embeddedFonts(pdf: Uint8Array): Promise<{ bytes: number; glyphs: number }[]> {
  const doc = await PDFDocument.load(pdf);
  const out: { bytes: number; glyphs: number }[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor'))
      continue;
    const ref = object.get(PDFName.of('FontFile2'));
    const stream = ref ? doc.context.lookup(ref) : undefined;
    if (!(stream instanceof PDFRawStream)) continue;
    const program = decodePDFRawStream(stream).decode();
    out.push({ bytes: program.byteLength, glyphs: fontkit.create(program).numGlyphs });
  }
  return out;
}
