import { copyFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { hallDate } from '../../domain/hall-time';
import { idNumber } from '../cases/test-support';
import { proofContent } from './content';
import {
  DEFAULT_PROOF_FONT_PATH,
  loadProofFont,
  PROOF_PDF_MAX_BYTES,
  ProofRenderError,
  renderProofPdf,
  type ProofPaper,
} from './pdf';
import { embeddedFonts, pdfQrCodes, pdfText } from './test-support';

const ISSUED = Date.UTC(2026, 11, 7, 2, 30);
const holder = { name: '张三丰', idNumber: idNumber(7) };
const CODE = '7K3M-Q9XP-2D4F-HT8R';
const URL_OF_PAGE = `https://zwfw.example.gov.cn/v1/proofs/verify/${CODE}`;

function paper(itemCode = 'GG03008001'): ProofPaper {
  return {
    content: proofContent(itemCode, holder, ISSUED)!,
    verificationCode: CODE,
    verifyUrl: URL_OF_PAGE,
    departmentName: '杭州住房公积金管理中心',
    hallName: '市民服务中心',
    terminalId: 'KIOSK-01',
    issuedAt: ISSUED,
    issuedOn: hallDate(ISSUED),
    proofId: 'PF20261207A1B2C3D4E5',
  };
}

describe('a certificate on A4', () => {
  it('carries its text, the hall, the date and the verification code, as pdftotext reads them', async () => {
    const { pdf, pages } = await renderProofPdf(paper(), await loadProofFont());
    expect(pages).toBe(1);
    const text = pdfText(pdf);
    for (const expected of [
      '住房公积金缴存证明',
      'Housing Provident Fund Contribution Certificate',
      '张**',
      '330106********0072',
      '杭州运河物流有限公司',
      '206,807.04 元',
      '出具单位：杭州住房公积金管理中心',
      '出具日期：2026年12月7日',
      '市民服务中心',
      `验证码：${CODE}`,
      '证明专用章',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('shows the holder masked: neither the full name nor the ID number is anywhere in the file', async () => {
    const { pdf } = await renderProofPdf(paper(), await loadProofFont());
    const text = pdfText(pdf);
    expect(text).not.toContain('三丰');
    expect(text).not.toContain(holder.idNumber);
    // Nor in the document information or any other uncompressed part of the file.
    expect(Buffer.from(pdf).toString('latin1')).not.toContain(holder.idNumber);
  });

  it('has a QR code that leads to the verification page of its code', async () => {
    const { pdf } = await renderProofPdf(paper('GG05005001'), await loadProofFont());
    expect(pdfQrCodes(pdf)).toEqual([URL_OF_PAGE]);
  });

  it('stays under 300 KB, because the font is embedded as a subset of the glyphs used', async () => {
    for (const code of ['GG03008001', 'GG05005001', 'GG06008001']) {
      const { pdf } = await renderProofPdf(paper(code), await loadProofFont());
      expect(pdf.byteLength).toBeLessThanOrEqual(PROOF_PDF_MAX_BYTES);
      const fonts = await embeddedFonts(pdf);
      expect(fonts).toHaveLength(1);
      // The face has 44,960 glyphs and the collection is 16 MB; a certificate uses a few hundred.
      expect(fonts[0]!.glyphs).toBeLessThan(400);
      expect(fonts[0]!.bytes).toBeLessThan(statSync(DEFAULT_PROOF_FONT_PATH).size / 100);
    }
  });

  it('fails plainly when the font is missing, naming the file and the fix and nothing personal', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'proof-font-')), 'absent.ttc');
    const failure = await loadProofFont(missing).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(ProofRenderError);
    expect((failure as ProofRenderError).reason).toBe('font-missing');
    expect((failure as ProofRenderError).message).toContain('fonts-wqy-zenhei');
  });

  it('refuses a file that is not a font, and tries again once a real one is there', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'proof-font-')), 'broken.ttc');
    writeFileSync(path, 'not a font at all');
    await expect(loadProofFont(path)).rejects.toMatchObject({ reason: 'font-unreadable' });
    // A failed load is not kept: the next call reads the file again.
    copyFileSync(DEFAULT_PROOF_FONT_PATH, path);
    await expect(loadProofFont(path)).resolves.toMatchObject({ path });
  });
});
