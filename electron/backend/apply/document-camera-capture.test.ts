import { describe, expect, it } from 'vitest';
import { buildChecklist } from './checklist';
import { cameraMayCapture, documentCamera } from './document-camera-capture';
import { paperAtWindow } from './material-capture';
import { resolveSelection, type Selected } from './selection';
import { referenceCatalogue } from './test-support';

const catalogue = referenceCatalogue();
const paper = paperAtWindow({
  name: '市民服务中心',
  categoryName: (c) => ({ zh: `${c}类`, en: `Category ${c}` }),
});

function select(selection: Parameters<typeof resolveSelection>[1]): Selected {
  const s = resolveSelection(catalogue, selection);
  if ('refused' in s) throw new Error(`refused: ${s.refused}`);
  return s;
}

/** A session's kept pages: material code → documentRef. */
function camera(kept: Record<string, string> = {}) {
  return documentCamera({ documentRefFor: (code) => kept[code] ?? null, paper });
}

describe('the document camera as a capture source', () => {
  it('takes the paper materials of the checklist, with the window kept as the way out', () => {
    // 存量房转移登记: SALE is kept (paper), MARITAL a commitment, the rest settled online.
    const sale = select({ kind: 'item', itemCode: 'QR01001001' });
    const list = buildChecklist(sale, {
      certificates: new Map([['ID', true]]),
      paperInstead: new Set(),
      captures: [camera(), paper],
    });
    const byCode = new Map(list.map((e) => [e.code, e]));
    expect(byCode.get('SALE')).toMatchObject({
      status: 'paper',
      capture: 'document-camera',
      where: { hallName: '市民服务中心', departmentName: expect.any(String) as string },
    });
    // A commitment is offered the camera too, for when the citizen proves it instead of signing.
    expect(byCode.get('MARITAL')).toMatchObject({ status: 'commitment', capture: 'document-camera' });
    expect(byCode.get('ID')?.capture).toBeUndefined();
  });

  it('leaves a 证件照 to paper: a scan of a print does not meet the photo standard', () => {
    const photo = catalogue.items.flatMap((i) => i.materials).find((m) => m.code === 'PHOTO')!;
    expect(cameraMayCapture(photo)).toBe(false);
    const item = catalogue.items.find((i) => i.materials.some((m) => m.code === 'PHOTO'))!;
    const list = buildChecklist(select({ kind: 'item', itemCode: item.itemCode }), {
      certificates: new Map(),
      paperInstead: new Set(),
      captures: [camera(), paper],
    });
    expect(list.find((e) => e.code === 'PHOTO')?.capture).toBe('paper-at-window');
  });

  it('sends a material with kept pages as an upload naming them', async () => {
    const sale = select({ kind: 'item', itemCode: 'QR01001001' });
    const material = sale.items[0]!.materials.find((m) => m.code === 'SALE')!;
    const ref = `scan-${'a'.repeat(32)}`;
    expect(await camera({ SALE: ref }).capture(material, sale.items)).toEqual({
      via: 'upload',
      documentRef: ref,
    });
  });

  it('sends a material without pages to the window, as paper would', async () => {
    const sale = select({ kind: 'item', itemCode: 'QR01001001' });
    const material = sale.items[0]!.materials.find((m) => m.code === 'SALE')!;
    expect(await camera().capture(material, sale.items)).toEqual(await paper.capture(material, sale.items));
    expect((await camera().capture(material, sale.items)).via).toBe('paper');
  });
});
