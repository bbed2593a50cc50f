import { describe, expect, it } from 'vitest';
import type { IssueProofRequest, IssueProofResponse, PrintableItem } from '../../../central/proofs/contract';
import { IppA4Printer } from '../../../drivers/a4-printer/ipp-a4-printer';
import { JumpingClock } from '../../../drivers/a4-printer/jumping-clock';
import { settle } from '../../../drivers/test-support/settle';
import { SimulatedIppPrinter } from '../../../drivers/a4-printer/simulated-ipp-printer';
import type { A4PrintRequest } from '../../../drivers/a4-printer/types';
import type { CentralOutcome } from '../central-connection/connection';
import { createTestLogger } from '../logging/logger';
import type { CardApplicant, CardCheck } from '../session/citizen-session';
import { ProofPrinting } from './service';

const HOLDER: CardApplicant = {
  name: '王小明',
  idNumber: '11010519491231002X',
  address: '浙江省杭州市上城区解放路1号',
  birthDate: '1949-12-31',
};
const ITEM: PrintableItem = {
  itemCode: 'GG03008001',
  name: { zh: '住房公积金缴存证明出具', en: 'Housing provident fund deposit certificate' },
  departmentId: 'hz-gjj',
  departmentName: '杭州住房公积金管理中心',
};
const PDF_TEXT = '%PDF-1.7 certificate 7K3M-Q9XP-2D4F-HT8R %%EOF';

function setup() {
  const clock = new JumpingClock();
  const logger = createTestLogger();
  const sim = new SimulatedIppPrinter();
  const driver = new IppA4Printer(sim.transport(), {
    printerUri: 'ipp://simulated/printers/kiosk-a4',
    clock,
  });
  const card = { holder: HOLDER as CardApplicant | undefined, onReader: true, active: true };
  const issued: { body: IssueProofRequest; key: string }[] = [];
  const central = {
    next: undefined as CentralOutcome<IssueProofResponse> | undefined,
    beforeAnswer: undefined as (() => void) | undefined,
    printableItems: (): Promise<CentralOutcome<{ items: PrintableItem[] }>> =>
      Promise.resolve({ kind: 'ok', status: 200, body: { items: [ITEM] }, replayed: false }),
    issue(body: IssueProofRequest, key: string): Promise<CentralOutcome<IssueProofResponse>> {
      issued.push({ body, key });
      this.beforeAnswer?.();
      return Promise.resolve(
        this.next ?? {
          kind: 'ok',
          status: 201,
          replayed: issued.length > 1,
          body: {
            proof: {
              proofId: 'PF-20261207-0001',
              verificationCode: '7K3M-Q9XP-2D4F-HT8R',
              itemCode: body.itemCode,
              itemName: ITEM.name,
              hallId: body.hallId,
              hallName: '上城区市民中心',
              issuedAt: '2026-12-07T01:00:00.000Z',
              holderMaskedName: '王**',
              verifyUrl: 'https://central.example.gov.cn/v1/proofs/verify/7K3M-Q9XP-2D4F-HT8R',
              pages: 1,
            },
            pdf: Buffer.from(PDF_TEXT).toString('base64'),
            pdfBytes: PDF_TEXT.length,
          },
        },
      );
    },
  };
  const handed: Uint8Array[] = [];
  const proofs = new ProofPrinting({
    clock,
    logger,
    session: {
      get active() {
        return card.active;
      },
      cardApplicant: () => card.holder,
      confirmCard: (): Promise<CardCheck> =>
        Promise.resolve(
          card.onReader ? { ok: true } : { ok: false, code: 'card-session-ended', detail: 'card-removed' },
        ),
    },
    central,
    printer: {
      status: () => driver.status(),
      print: (r: A4PrintRequest) => {
        handed.push(r.pdf);
        return driver.print(r);
      },
      cancel: (key) => driver.cancel(key),
    },
    hallId: 'hall-sc',
    terminalId: 'kiosk-07',
  });
  return { proofs, sim, central, issued, card, logger, handed };
}

describe('printing a certificate (证明) for the card holder', () => {
  it('issues it for the card on the reader, prints it, follows the job, and keeps no copy', async () => {
    const { proofs, sim, issued, handed } = setup();
    const items = await proofs.items();
    expect(items).toMatchObject({
      ok: true,
      value: { printer: 'ready', items: [{ itemCode: 'GG03008001' }] },
    });
    const r = await proofs.print('GG03008001');
    expect(r).toEqual({
      ok: true,
      value: {
        outcome: 'printed',
        printer: 'ready',
        proof: {
          itemName: ITEM.name,
          holderMaskedName: '王**',
          verificationCode: '7K3M-Q9XP-2D4F-HT8R',
          pages: 1,
          alreadyPrinted: false,
        },
      },
    });
    expect(issued[0]!.body).toMatchObject({
      hallId: 'hall-sc',
      terminalId: 'kiosk-07',
      itemCode: 'GG03008001',
      holder: { name: HOLDER.name, idNumber: HOLDER.idNumber },
    });
    expect(sim.output().map((o) => o.pdf.toString())).toEqual([PDF_TEXT]);
    expect(sim.output()[0]!.jobName).toBe('PF-20261207-0001');
    // The buffer the kiosk held is wiped once the printer has it.
    expect(handed[0]!.every((b) => b === 0)).toBe(true);
    expect(proofs.job()).toMatchObject({ phase: 'done', pagesDone: 1 });
  });

  it('a second tap after it came out prints nothing more', async () => {
    const { proofs, sim } = setup();
    await proofs.print('GG03008001');
    const again = await proofs.print('GG03008001');
    expect(again).toMatchObject({ ok: true, value: { outcome: 'printed', proof: { alreadyPrinted: true } } });
    expect(sim.printJobRequests).toBe(1);
  });

  it('a jam mid-job is a plain fault; the retry after clearing finishes the same job, never a second copy', async () => {
    const { proofs, sim, issued } = setup();
    sim.jamNextJob(1);
    const jammed = await proofs.print('GG03008001');
    expect(jammed).toEqual({ ok: true, value: { outcome: 'printer-fault', printer: 'jam', proof: null } });
    expect(proofs.job()).toMatchObject({ phase: 'printer-fault', printer: 'jam' });
    sim.setFault(null);
    const retry = await proofs.print('GG03008001');
    expect(retry).toMatchObject({
      ok: true,
      value: { outcome: 'printed', proof: { alreadyPrinted: false } },
    });
    expect(sim.printJobRequests).toBe(1);
    expect(sim.output()).toHaveLength(1);
    // The central was asked again with the same key: the same certificate, the same code.
    expect(issued.map((i) => i.key)).toEqual([issued[0]!.key, issued[0]!.key]);
    // ...with the very same body, or the central would refuse the key as reused.
    expect(issued[1]!.body).toEqual(issued[0]!.body);
  });

  it('paper out: said before any certificate is issued', async () => {
    const { proofs, sim, issued } = setup();
    sim.setFault('paper-out');
    expect(await proofs.print('GG03008001')).toEqual({
      ok: true,
      value: { outcome: 'printer-fault', printer: 'paper-out', proof: null },
    });
    expect(issued).toHaveLength(0);
    expect(sim.printJobRequests).toBe(0);
  });

  it('an offline printer is said plainly too', async () => {
    const { proofs, sim } = setup();
    sim.setFault('offline');
    expect(await proofs.print('GG03008001')).toMatchObject({ ok: true, value: { printer: 'offline' } });
  });

  it('needs the card: a typed number names no one, and no session is refused', async () => {
    const { proofs, card, issued } = setup();
    card.holder = undefined;
    expect(await proofs.print('GG03008001')).toEqual({ ok: false, code: 'no-session', reason: 'needs-card' });
    card.active = false;
    expect(await proofs.print('GG03008001')).toEqual({ ok: false, code: 'no-session' });
    expect(issued).toHaveLength(0);
  });

  it('a card taken away (or swapped) while the central answered: nothing is printed for it', async () => {
    const { proofs, central, card, sim } = setup();
    central.beforeAnswer = () => {
      card.onReader = false;
    };
    expect(await proofs.print('GG03008001')).toMatchObject({ ok: false, code: 'card-session-ended' });
    card.onReader = true;
    central.beforeAnswer = () => {
      card.holder = { ...HOLDER, name: '李四', idNumber: '110105194912310021' };
    };
    expect(await proofs.print('GG03008001')).toMatchObject({
      ok: false,
      code: 'card-session-ended',
      detail: 'another card',
    });
    expect(sim.printJobRequests).toBe(0);
  });

  it('the citizen leaves while the printer is jammed: the waiting job is withdrawn and never comes out', async () => {
    const { proofs, sim, logger } = setup();
    sim.jamNextJob(1);
    await proofs.print('GG03008001');
    proofs.reset();
    await settle();
    await settle();
    expect(sim.jobState(1)).toBe('canceled');
    sim.setFault(null);
    expect(sim.output()).toHaveLength(0);
    expect(logger.events('proofs.job-withdrawn')).toHaveLength(1);
    expect(proofs.job()).toBeNull();
  });

  it('the central offline, or unable to draw it: plain reasons, nothing printed', async () => {
    const { proofs, central, sim } = setup();
    central.next = { kind: 'retry', reason: 'network: TypeError: fetch failed', offline: true };
    expect(await proofs.print('GG03008001')).toMatchObject({
      ok: false,
      code: 'central-unreachable',
      reason: 'needs-network',
    });
    central.next = { kind: 'retry', reason: 'HTTP 503 proof-render-failed' };
    expect(await proofs.print('GG03008001')).toMatchObject({ reason: 'render-failed' });
    central.next = { kind: 'rejected', status: 422, code: 'item-not-printable', message: 'x', body: {} };
    expect(await proofs.print('GG03008001')).toMatchObject({
      code: 'central-rejected',
      reason: 'not-printable',
    });
    expect(sim.printJobRequests).toBe(0);
  });

  it('logs nothing personal: no name, no ID number, no address', async () => {
    const { proofs, sim, logger } = setup();
    await proofs.print('GG03008001');
    sim.jamNextJob(1);
    await proofs.print('GG05005001');
    const all = logger.lines.join('\n');
    expect(logger.events('proofs.printed')).toHaveLength(1);
    expect(logger.events('proofs.print-failed')).toHaveLength(1);
    for (const secret of [HOLDER.name, HOLDER.idNumber, HOLDER.address, '王**'])
      expect(all).not.toContain(secret);
  });
});
