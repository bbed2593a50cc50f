import { PDFDocument } from 'pdf-lib';
import { hallDate } from '../../../domain/hall-time';
import { buildCentralApp } from '../../../central/app';
import { idNumber, tempDbPath } from '../../../central/cases/test-support';
import { TOKEN } from '../../../central/test-support';
import { PRINTABLE_ITEM_CODES, proofContent } from '../../../central/proofs/content';
import { pdfText } from '../../../central/proofs/test-support';
import {
  loadProofFont,
  PROOF_PDF_MAX_BYTES,
  renderProofPdf,
  type ProofPaper,
} from '../../../central/proofs/pdf';
import { medianMs, once, type Baseline, type BenchFigure } from '../figure';

// A4 certificates (即办可打印 证明) as the central draws them: text, table, seal and QR code in an
// embedded subset of WenQuanYi Zen Hei. The font is parsed once per process (about 200 ms for the
// 16 MB collection) and kept, as the central keeps it, so every figure starts with it loaded.
const ISSUED = Date.UTC(2026, 11, 7, 2, 30);
const holder = { name: '张三丰', idNumber: idNumber(7) };

function paper(itemCode: string): ProofPaper {
  const code = '7K3M-Q9XP-2D4F-HT8R';
  return {
    content: proofContent(itemCode, holder, ISSUED)!,
    verificationCode: code,
    verifyUrl: `https://zwfw.example.gov.cn/v1/proofs/verify/${code}`,
    departmentName: '市住房公积金管理中心',
    hallName: '市民服务中心',
    terminalId: 'KIOSK-CITY-01',
    issuedAt: ISSUED,
    issuedOn: hallDate(ISSUED),
    proofId: 'PF20261207A1B2C3D4E5',
  };
}

/**
 * The bare counterpart: pdf-lib with the same parsed face drawing the certificate's own text (as
 * pdftotext reads it back) as plain lines, subset and saved. The same glyphs are subset, which is
 * most of the cost (about 190 glyphs' outlines); the figure adds the layout, the table's rules, the
 * seal's rotated characters and the QR code's rectangles on top.
 */
const bareSameText: Baseline = {
  name: 'pdf-lib, same face, the certificate’s text as plain lines, subset',
  unit: 'ms',
  measure: async () => {
    const font = await loadProofFont();
    const lines = pdfText((await renderProofPdf(paper('GG03008001'), font)).pdf)
      .split('\n')
      .filter((l) => l.trim() !== '');
    return medianMs(
      async () => {
        const doc = await PDFDocument.create();
        doc.registerFontkit({ create: () => font.face });
        const cjk = await doc.embedFont(font.bytes, { subset: true });
        const page = doc.addPage([595.28, 841.89]);
        lines.forEach((line, i) => page.drawText(line, { x: 64, y: 800 - i * 14, size: 10, font: cjk }));
        await doc.save();
      },
      30,
      10,
    );
  },
};

const largest = once(async () => {
  const font = await loadProofFont();
  let bytes = 0;
  for (const code of PRINTABLE_ITEM_CODES) {
    bytes = Math.max(bytes, (await renderProofPdf(paper(code), font)).pdf.byteLength);
  }
  return bytes;
});

export const figures: BenchFigure[] = [
  {
    name: 'certificate PDF size, largest of the printable items',
    unit: 'KB',
    target: PROOF_PDF_MAX_BYTES / 1024,
    better: 'lower',
    measure: async () => (await largest()) / 1024,
  },
  {
    // On top of the bare page of the same glyphs: line breaking, the table, the seal and the QR
    // code (a few hundred drawing operators). Measured at 1.3–2.3× (the spread of a loaded machine,
    // load average 17); the target leaves headroom over that.
    name: 'certificate PDF generation (住房公积金缴存证明), median',
    unit: 'ms',
    baseline: bareSameText,
    targetRatio: 3,
    better: 'lower',
    measure: async () => {
      const font = await loadProofFont();
      const p = paper('GG03008001');
      return medianMs(() => renderProofPdf(p, font), 30, 10);
    },
  },
  {
    // On top of drawing: the body checked, the catalogue asked, the holder sealed, one SQLite
    // transaction with the idempotency key, the PDF in base64 and the JSON answer. Measured at
    // 0.9–1.3×: the drawing is nearly all of it.
    name: 'POST /v1/proofs through the central (inject, new key each), median',
    unit: 'ms',
    baseline: {
      name: 'drawing the same certificate alone',
      unit: 'ms',
      measure: async () => {
        const font = await loadProofFont();
        const p = paper('GG03008001');
        return medianMs(() => renderProofPdf(p, font), 30, 10);
      },
    },
    targetRatio: 2,
    better: 'lower',
    measure: async () => {
      const app = await buildCentralApp({ dbPath: tempDbPath(), deviceTokens: [TOKEN], rateLimit: false });
      let n = 0;
      try {
        return await medianMs(
          async () => {
            const res = await app.inject({
              method: 'POST',
              url: '/v1/proofs',
              headers: { authorization: `Bearer ${TOKEN}`, 'idempotency-key': `bench-proof-${++n}` },
              payload: {
                hallId: 'HALL-CITY-01',
                terminalId: 'KIOSK-BENCH',
                itemCode: 'GG03008001',
                holder,
                requestedAt: new Date(ISSUED).toISOString(),
              },
            });
            if (res.statusCode !== 201) throw new Error(`POST /v1/proofs answered ${res.statusCode}`);
          },
          30,
          10,
        );
      } finally {
        await app.close();
      }
    },
  },
];
