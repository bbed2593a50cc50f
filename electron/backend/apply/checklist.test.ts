import { describe, expect, it } from 'vitest';
import { buildChecklist, caseMaterials, commitmentsToSign, mergeMaterials } from './checklist';
import { paperAtWindow } from './material-capture';
import { resolveSelection, type Selected } from './selection';
import { referenceCatalogue } from './test-support';

const catalogue = referenceCatalogue();
const captures = [
  paperAtWindow({ name: '市民服务中心', categoryName: (c) => ({ zh: `${c}类`, en: `Category ${c}` }) }),
];

function select(selection: Parameters<typeof resolveSelection>[1]): Selected {
  const s = resolveSelection(catalogue, selection);
  if ('refused' in s) throw new Error(`refused: ${s.refused}`);
  return s;
}

describe('merged checklist', () => {
  it('merges a bundle exactly as the central does: each material once, the most demanding fate', () => {
    for (const bundle of catalogue.bundles) {
      const selected = select({ kind: 'bundle', bundleCode: bundle.bundleCode });
      const kiosk = mergeMaterials(selected.items).map((m) => ({
        code: m.material.code,
        rule: m.material.cancellation.rule,
        usedBy: m.usedBy.map((i) => i.itemCode),
      }));
      const central = bundle.materials.map((m) => ({
        code: m.code,
        rule: m.cancellation.rule,
        usedBy: m.usedBy,
      }));
      expect(kiosk, bundle.bundleCode).toEqual(central);
    }
  });

  it('lets a kept material win over an e-certificate when two items of a bundle share it', () => {
    // 二手房“一件事”: SALE is kept by every item; PROP is an e-certificate in all of them.
    const merged = mergeMaterials(select({ kind: 'bundle', bundleCode: 'BD-HOMESALE' }).items);
    const byCode = new Map(merged.map((m) => [m.material.code, m]));
    expect(byCode.get('SALE')?.material.cancellation.rule).toBe('kept');
    expect(byCode.get('SALE')?.usedBy.map((i) => i.itemCode)).toEqual([
      'QT05003001',
      'QT05004001',
      'QR01001001',
    ]);
    expect(byCode.get('ID')?.usedBy).toHaveLength(4);
  });

  it('marks each fate: found e-certificates, a missing one on paper, commitments, online checks, dropped', () => {
    // 出生医学证明: ID (e-cert), MAR (e-cert), KIN (no legal basis)
    const birth = select({ kind: 'item', itemCode: 'GG00101001' });
    const list = buildChecklist(birth, {
      certificates: new Map([
        ['ID', true],
        ['MAR', false],
      ]),
      paperInstead: new Set(),
      captures,
    });
    expect(list.map((e) => [e.code, e.status, e.eCertificateMissing])).toEqual([
      ['ID', 'e-certificate-found', false],
      ['MAR', 'paper', true],
      ['KIN', 'dropped', false],
    ]);
    expect(list[1]).toMatchObject({
      capture: 'paper-at-window',
      where: { hallName: '市民服务中心', queueCategory: 'A', categoryName: { zh: 'A类', en: 'Category A' } },
    });
    expect(caseMaterials(birth.items[0]!, list)).toEqual([
      { code: 'ID', via: 'e-certificate' },
      { code: 'MAR', via: 'paper' },
    ]);
  });

  it('keeps e-certificates unchecked while offline, and a commitment becomes paper when the citizen prefers', () => {
    // 二手房转移登记: ID, PROP (e-cert), SALE (kept), TAXPAID (online), MARITAL (commitment)
    const sale = select({ kind: 'item', itemCode: 'QR01001001' });
    const offline = buildChecklist(sale, { certificates: null, paperInstead: new Set(), captures });
    expect(offline.map((e) => [e.code, e.status])).toEqual([
      ['ID', 'e-certificate-unchecked'],
      ['PROP', 'e-certificate-unchecked'],
      ['SALE', 'paper'],
      ['TAXPAID', 'online-verification'],
      ['MARITAL', 'commitment'],
    ]);
    expect(commitmentsToSign(offline)).toEqual(['MARITAL']);
    expect(caseMaterials(sale.items[0]!, offline)).toContainEqual({ code: 'PROP', via: 'e-certificate' });
    const paper = buildChecklist(sale, { certificates: null, paperInstead: new Set(['MARITAL']), captures });
    expect(paper.find((e) => e.code === 'MARITAL')?.status).toBe('paper');
    expect(commitmentsToSign(paper)).toEqual([]);
    expect(caseMaterials(sale.items[0]!, paper)).toContainEqual({ code: 'MARITAL', via: 'paper' });
  });

  it('gives every item of a bundle the materials it needs from the one merged list', () => {
    const bundle = select({ kind: 'bundle', bundleCode: 'BD-RETIRE' });
    const list = buildChecklist(bundle, {
      certificates: new Map([['ID', true]]),
      paperInstead: new Set(),
      captures,
    });
    // RETIREAGE is kept for the retirement application and online-verified for the fund: paper wins.
    expect(list.find((e) => e.code === 'RETIREAGE')).toMatchObject({
      status: 'paper',
      usedBy: ['QR02005001', 'JF03004001'],
      where: { queueCategory: 'C' },
    });
    expect(caseMaterials(bundle.items[1]!, list)).toEqual([
      { code: 'ID', via: 'e-certificate' },
      { code: 'RETIREAGE', via: 'paper' },
      { code: 'BANK', via: 'paper' },
    ]);
  });

  it('sends a bundle to one window (一窗): every paper material at the lead item’s window', () => {
    for (const code of ['BD-RETIRE', 'BD-VETERAN', 'BD-HOMESALE']) {
      const bundle = select({ kind: 'bundle', bundleCode: code });
      const list = buildChecklist(bundle, { certificates: new Map(), paperInstead: new Set(), captures });
      const windows = new Set(list.flatMap((e) => (e.where ? [JSON.stringify(e.where)] : [])));
      expect(windows.size, code).toBe(1);
      const lead = bundle.items.find((i) => i.departmentId === bundle.bundle!.leadDepartmentId)!;
      expect(list.find((e) => e.where)?.where?.queueCategory, code).toBe(lead.queueCategory);
    }
  });

  it('refuses what cannot be applied for here', () => {
    expect(resolveSelection(catalogue, { kind: 'item', itemCode: 'XX00000000' })).toEqual({
      refused: 'unknown-selection',
    });
    const windowOnly = catalogue.items.find((i) => !i.channels.includes('kiosk'))!;
    expect(resolveSelection(catalogue, { kind: 'item', itemCode: windowOnly.itemCode })).toEqual({
      refused: 'not-on-kiosk',
    });
    expect(resolveSelection(catalogue, { kind: 'bundle', bundleCode: 'BD-NOSUCH' })).toEqual({
      refused: 'unknown-selection',
    });
  });
});
