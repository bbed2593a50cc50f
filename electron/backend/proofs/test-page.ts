import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import { hallTime } from '../../../domain/hall-time';

// A4 in PDF points (1/72 inch); the frame sits 10 mm inside the edge, where most office printers
// still print, so a clipped frame shows a misfed sheet or a wrong paper size at once.
const A4: [number, number] = [595.28, 841.89];
const FRAME_INSET = 28.35;

/**
 * The A4 printer's test page for field staff: a frame 10 mm inside the edge, the terminal and the
 * hall time. Latin text in a standard PDF font, so it prints without the central (and without a
 * CJK font on the kiosk); the certificate itself tests the Chinese text.
 */
export async function a4TestPage(terminalId: string, now: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle('A4 printer test page');
  doc.setCreationDate(new Date(now));
  const page = doc.addPage(A4);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const [w, h] = A4;
  page.drawRectangle({
    x: FRAME_INSET,
    y: FRAME_INSET,
    width: w - 2 * FRAME_INSET,
    height: h - 2 * FRAME_INSET,
    borderColor: rgb(0, 0, 0),
    borderWidth: 1,
  });
  const lines = [
    'A4 printer test page',
    `Terminal: ${terminalId}`,
    `Time: ${hallTime(new Date(now).toISOString())} (UTC+8)`,
    'The frame is 10 mm inside the edge of the sheet on every side.',
  ];
  lines.forEach((text, i) =>
    page.drawText(text, { x: 72, y: h - 120 - i * 24, size: i === 0 ? 20 : 12, font }),
  );
  return doc.save();
}
