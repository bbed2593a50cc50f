import QRCode from 'qrcode';
import type { PaperWidthMm } from './escpos-encoder';

/** Dots per line at 203 dpi, as the paper is printed. */
const PAPER_DOTS: Readonly<Record<PaperWidthMm, number>> = { 80: 576, 58: 384 };
const LINE_HEIGHT = 28;
const FONT_SIZE = 22;
const MARGIN = 12;
const QR_MODULE_DOTS = 4;
const QR_PREFIX = '[QR] ';
const CUT_LINE = '[CUT]';

/**
 * A picture of the virtual paper for the developer panel: the lines the simulator decoded from
 * ESC/POS, QR codes drawn from their payloads (with the `qrcode` package), cuts as dashed lines.
 * An SVG data URL, so it works under the renderer's `img-src data:` policy.
 */
export function renderPaperPreview(lines: readonly string[], opts: { paperWidthMm: PaperWidthMm }): string {
  const width = PAPER_DOTS[opts.paperWidthMm];
  const parts: string[] = [];
  let y = MARGIN;
  for (const line of lines) {
    if (line === CUT_LINE) {
      y += LINE_HEIGHT / 2;
      parts.push(
        `<line x1="0" y1="${y}" x2="${width}" y2="${y}" stroke="#c00" stroke-dasharray="8 6" stroke-width="2"/>`,
      );
      y += LINE_HEIGHT / 2;
    } else if (line.startsWith(QR_PREFIX)) {
      const drawn = drawQr(line.slice(QR_PREFIX.length), width, y);
      parts.push(drawn.svg);
      y += drawn.height + MARGIN;
    } else {
      y += LINE_HEIGHT;
      parts.push(
        `<text x="${MARGIN}" y="${y - 6}" font-family="monospace" font-size="${FONT_SIZE}" xml:space="preserve">${escapeXml(line)}</text>`,
      );
    }
  }
  const height = y + MARGIN;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<rect width="100%" height="100%" fill="#fffef8"/>${parts.join('')}</svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

function drawQr(data: string, paperWidth: number, top: number): { svg: string; height: number } {
  if (data.length === 0) return { svg: '', height: 0 };
  let modules: { size: number; get(row: number, col: number): number | boolean };
  try {
    modules = QRCode.create(data, { errorCorrectionLevel: 'M' }).modules;
  } catch {
    // Too long for a QR symbol: the printer would not print it either.
    return { svg: '', height: 0 };
  }
  const side = modules.size * QR_MODULE_DOTS;
  const left = Math.max(0, Math.floor((paperWidth - side) / 2));
  let path = '';
  for (let r = 0; r < modules.size; r++) {
    for (let c = 0; c < modules.size; c++) {
      if (modules.get(r, c))
        path += `M${left + c * QR_MODULE_DOTS} ${top + r * QR_MODULE_DOTS}h${QR_MODULE_DOTS}v${QR_MODULE_DOTS}h-${QR_MODULE_DOTS}z`;
    }
  }
  return { svg: `<path d="${path}" fill="#000"/>`, height: side };
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
