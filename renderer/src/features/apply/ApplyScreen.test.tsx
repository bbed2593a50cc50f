// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApplicationReceipt, ApplyDraft } from '../../../../electron/backend/apply/contract';
import { wipeSession } from '../../state/kioskStore';
import type { FakeBackend } from '../../testing/fakeBackend';
import { CITIZEN, FakeEventSource, makeState } from '../../testing/fakeBackend';
import { installFakeBackend, ok, removeFakeBackend, renderApp } from '../../testing/kioskHarness';
import { fresh, openApply, useApplyStore } from './applyStore';
import FakeSignaturePad, { FAKE_SIGNATURE_DATA_URL, signatureStroke } from './signaturePadFake';

// jsdom has no canvas: the pad's engine is a stand-in the test draws on.
vi.mock('signature_pad', () => import('./signaturePadFake'));

const WHERE = {
  hallName: '市民服务中心',
  queueCategory: 'B',
  categoryName: { zh: '不动产登记', en: 'Real estate registration' },
  departmentName: '市规划和自然资源局',
};

const DRAFT: ApplyDraft = {
  selection: { kind: 'item', itemCode: 'QR01001001' },
  title: { zh: '二手房转移登记', en: 'Resale home transfer' },
  items: [
    {
      itemCode: 'QR01001001',
      name: { zh: '二手房转移登记', en: 'Resale home transfer' },
      departmentName: '市规划和自然资源局',
      promisedDays: 1,
      feeFen: 8000,
    },
  ],
  promisedDays: 1,
  feeFen: 8000,
  fields: [
    { key: 'name', source: 'card', personal: true, editable: false, required: 'always', maskedValue: '张*' },
    {
      key: 'idNumber',
      source: 'card',
      personal: true,
      editable: false,
      required: 'always',
      maskedValue: '330102********001X',
    },
    {
      key: 'phone',
      source: 'citizen',
      personal: true,
      editable: true,
      required: 'for-pickup',
      maskedValue: null,
    },
  ],
  conditions: [
    { id: 'QR01001001-0', text: '申请人为不动产权利人', itemCodes: ['QR01001001'], check: 'confirm' },
  ],
  checklist: [
    {
      code: 'ID',
      name: { zh: '居民身份证', en: 'Resident ID card' },
      form: 'electronic',
      status: 'e-certificate-found',
      eCertificateMissing: false,
      usedBy: ['QR01001001'],
    },
    {
      code: 'SALE',
      name: { zh: '房屋买卖合同', en: 'Property sale contract' },
      form: 'original',
      status: 'paper',
      eCertificateMissing: false,
      usedBy: ['QR01001001'],
      capture: 'paper-at-window',
      where: WHERE,
    },
    {
      code: 'MARITAL',
      name: { zh: '婚姻状况证明', en: 'Proof of marital status' },
      form: 'original',
      status: 'commitment',
      eCertificateMissing: false,
      usedBy: ['QR01001001'],
      capture: 'paper-at-window',
      where: WHERE,
      commitmentText: {
        zh: '本人承诺：婚姻状况证明所述情况真实、有效。如有不实，本人愿承担相应法律责任，并同意撤销相关办理结果。',
        en: 'I promise that what Proof of marital status would show is true and valid.',
      },
    },
  ],
  commitmentVersion: 'GZCN-2026.1',
  certificates: 'checked',
  pickup: { options: ['window', 'post', 'self-service'], maskedAddress: '浙江省杭州市********' },
};

const RECEIPT: ApplicationReceipt = {
  localRef: 'T-001-000001',
  title: DRAFT.title,
  bundleCode: null,
  maskedName: '张*',
  delivery: 'post',
  submittedAt: '2026-11-25T01:00:00.000Z',
  cases: [
    {
      itemCode: 'QR01001001',
      itemName: DRAFT.title,
      state: 'queued',
      caseNumber: null,
      rejectCode: null,
    },
  ],
  followUrl: 'https://zwfw.example.gov.cn/case',
  paper: [{ code: 'SALE', name: { zh: '房屋买卖合同', en: 'Property sale contract' }, where: WHERE }],
  offline: true,
  printed: true,
};

let backend: FakeBackend;

beforeEach(() => {
  backend = installFakeBackend();
  useApplyStore.setState(fresh(0), true);
  backend.overrides.set(
    'POST /api/apply/signature',
    ok({ signedAt: '2026-11-25T01:02:00.000Z', version: 'GZCN-2026.1' }),
  );
  backend.overrides.set(
    'GET /api/apply/offer',
    ok({
      catalogue: { version: 3, fetchedAt: '2026-11-25T01:00:00.000Z', fromCache: false },
      bundles: [
        {
          bundleCode: 'BD-RETIRE',
          name: { zh: '退休“一件事”', en: 'Retirement' },
          description: { zh: '', en: '' },
          itemCount: 3,
        },
      ],
      items: [
        {
          itemCode: 'QR01001001',
          name: DRAFT.title,
          departmentName: { zh: '市规划和自然资源局', en: 'Planning Bureau' },
          suspended: false,
        },
      ],
    }),
  );
  backend.overrides.set('POST /api/apply/draft', ok({ draft: DRAFT }));
  backend.overrides.set('POST /api/apply/submit', ok({ receipt: RECEIPT }));
});

afterEach(removeFakeBackend);

async function press(key: string): Promise<void> {
  const button = await screen.findByTestId(`key-${key}`);
  await act(async () => {
    fireEvent.mouseDown(button);
    fireEvent.mouseUp(button);
    fireEvent.click(button);
  });
}

const step = () => screen.getByTestId('apply-screen').dataset.step;
const next = () => fireEvent.click(screen.getByTestId('apply-next'));
const back = () => fireEvent.click(screen.getByTestId('apply-back'));

async function openApplyFromHome(): Promise<void> {
  renderApp();
  fireEvent.click(await screen.findByTestId('tile-apply'));
  await screen.findByTestId('apply-bundle-BD-RETIRE');
  fireEvent.click(screen.getByTestId('apply-tab-items'));
  await screen.findByTestId('apply-item-QR01001001');
}

describe('apply screen', () => {
  it('walks one step per screen, keeps every answer on Back, and submits what the citizen chose', async () => {
    await openApplyFromHome();
    expect(screen.getByTestId('apply-steps').textContent).toContain('第 1 步，共 5 步');
    fireEvent.click(screen.getByTestId('apply-item-QR01001001'));
    await waitFor(() => expect(step()).toBe('form'));
    // The draft has a commitment to sign: one step more.
    expect(screen.getByTestId('apply-steps').textContent).toContain('第 2 步，共 6 步');
    expect(screen.getByTestId('apply-field-name').textContent).toBe('张*');
    expect(screen.getByTestId('apply-field-idNumber').textContent).toBe('330102********001X');
    expect(screen.getByTestId('apply-next')).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByTestId('apply-condition-QR01001001-0'));
    for (const d of '1381234') await press(d);
    // Half a number may not go on.
    expect(screen.getByTestId('apply-phone-invalid')).toBeTruthy();
    expect(screen.getByTestId('apply-next')).toHaveProperty('disabled', true);
    for (const d of '5678') await press(d);
    expect(screen.getByTestId('apply-phone').textContent).toBe('13812345678');
    next();

    expect(step()).toBe('materials');
    expect(screen.getByTestId('apply-material-ID').dataset.status).toBe('e-certificate-found');
    expect(screen.getByTestId('apply-material-SALE').dataset.status).toBe('paper');
    expect(screen.getByTestId('apply-where-SALE').textContent).toBe(
      '市民服务中心，取 B 类号（不动产登记），市规划和自然资源局',
    );
    next();

    expect(step()).toBe('commitments');
    expect(screen.getByTestId('apply-commitment-text-MARITAL').textContent).toMatch(
      /^本人承诺：婚姻状况证明/,
    );
    expect(screen.getByTestId('apply-commitment-version').textContent).toBe('承诺书版本：GZCN-2026.1');
    expect(screen.getByTestId('apply-next')).toHaveProperty('disabled', true);
    // Nothing drawn, then only a dot: refused on the screen in plain words, nothing sent.
    fireEvent.click(screen.getByTestId('apply-signature-confirm'));
    expect(screen.getByTestId('apply-signature-refused').dataset.reason).toBe('blank');
    expect(screen.getByTestId('apply-signature-refused').textContent).toBe(
      '方框内还没有签名，请用手指写下您的姓名。',
    );
    act(() => FakeSignaturePad.current!.stroke([{ x: 200, y: 100 }]));
    expect(screen.queryByTestId('apply-signature-refused')).toBeNull();
    fireEvent.click(screen.getByTestId('apply-signature-confirm'));
    expect(screen.getByTestId('apply-signature-refused').dataset.reason).toBe('too-small');
    expect(backend.callsTo('POST', '/api/apply/signature')).toHaveLength(0);
    // Undo takes the dot back; a name is drawn and confirmed.
    fireEvent.click(screen.getByTestId('apply-signature-undo'));
    expect(screen.getByTestId('apply-signature-pad').dataset.strokes).toBe('0');
    act(() => FakeSignaturePad.current!.stroke(signatureStroke()));
    fireEvent.click(screen.getByTestId('apply-signature-confirm'));
    await screen.findByTestId('apply-signature-image');
    expect(backend.callsTo('POST', '/api/apply/signature')[0]!.body).toEqual({
      selection: { kind: 'item', itemCode: 'QR01001001' },
      materials: ['MARITAL'],
      version: 'GZCN-2026.1',
      imagePng: FAKE_SIGNATURE_DATA_URL.replace('data:image/png;base64,', ''),
    });
    expect(screen.getByTestId('apply-signature-signed-at').textContent).toBe(
      '已于 2026年11月25日 09:02 签名',
    );
    expect(screen.getByTestId('apply-commitment-MARITAL').dataset.state).toBe('signed');
    // Back twice and forward again: the phone, the condition and the signature are all still there.
    back();
    back();
    expect(step()).toBe('form');
    expect(screen.getByTestId('apply-phone').textContent).toBe('13812345678');
    expect(screen.getByTestId('apply-condition-QR01001001-0').getAttribute('aria-pressed')).toBe('true');
    next();
    next();
    expect(screen.getByTestId('apply-commitment-MARITAL').dataset.state).toBe('signed');
    next();

    expect(step()).toBe('pickup');
    fireEvent.click(screen.getByTestId('apply-delivery-post'));
    expect(screen.getByTestId('apply-address').textContent).toBe('浙江省杭州市********');
    await press('3');
    fireEvent.click(screen.getByTestId('apply-address-word-幢'));
    expect(screen.getByTestId('apply-address-detail').textContent).toBe('3幢');
    next();

    expect(step()).toBe('review');
    expect(screen.getByTestId('apply-review-phone').textContent).toBe('138****5678');
    expect(screen.getByTestId('apply-review-pickup').textContent).toBe('邮寄送达');
    fireEvent.click(screen.getByTestId('apply-submit'));
    await screen.findByTestId('apply-receipt');
    expect(backend.callsTo('POST', '/api/apply/submit')[0]!.body).toEqual({
      selection: { kind: 'item', itemCode: 'QR01001001' },
      phone: '13812345678',
      conditionsConfirmed: ['QR01001001-0'],
      commitmentsSigned: ['MARITAL'],
      paperInstead: [],
      delivery: 'post',
      addressDetail: '3幢',
    });
    expect(screen.getByTestId('apply-pending').textContent).toContain('网络暂时中断');
    expect(screen.getByTestId('apply-case-number-QR01001001').textContent).toBe('T-001-000001');
  });

  it('asks for the signature again when what it promised changes, and forgets it with the session', async () => {
    await openApplyFromHome();
    fireEvent.click(screen.getByTestId('apply-item-QR01001001'));
    await waitFor(() => expect(step()).toBe('form'));
    act(() => useApplyStore.setState({ step: 'commitments', conditionsConfirmed: ['QR01001001-0'] }));
    act(() => FakeSignaturePad.current!.stroke(signatureStroke()));
    fireEvent.click(screen.getByTestId('apply-signature-confirm'));
    await screen.findByTestId('apply-signature-image');
    expect(screen.getByTestId('apply-next')).toHaveProperty('disabled', false);
    // Handing the document in instead: the signature no longer matches what is promised.
    fireEvent.click(screen.getByTestId('apply-paper-MARITAL'));
    expect(useApplyStore.getState()).toMatchObject({ signature: null, commitmentsSigned: [] });
    expect(screen.queryByTestId('apply-signature')).toBeNull();
    expect(screen.getByTestId('apply-next')).toHaveProperty('disabled', false);
    fireEvent.click(screen.getByTestId('apply-undo-paper-MARITAL'));
    expect(screen.getByTestId('apply-signature-pad')).toBeTruthy();
    expect(screen.getByTestId('apply-next')).toHaveProperty('disabled', true);
    act(() => FakeSignaturePad.current!.stroke(signatureStroke()));
    fireEvent.click(screen.getByTestId('apply-signature-confirm'));
    await screen.findByTestId('apply-signature-image');
    // Sign again: the pad comes back empty and the way on closes.
    fireEvent.click(screen.getByTestId('apply-signature-again'));
    expect(screen.getByTestId('apply-signature-pad').dataset.strokes).toBe('0');
    expect(screen.getByTestId('apply-next')).toHaveProperty('disabled', true);
    act(() => FakeSignaturePad.current!.stroke(signatureStroke()));
    fireEvent.click(screen.getByTestId('apply-signature-confirm'));
    await screen.findByTestId('apply-signature-image');
    act(() => wipeSession());
    expect(useApplyStore.getState().signature).toBeNull();
  });

  it('says why the card does not meet a condition, with nothing to confirm and no way on', async () => {
    backend.overrides.set(
      'POST /api/apply/draft',
      ok({
        draft: {
          ...DRAFT,
          conditions: [
            {
              id: 'JF00203001-0',
              text: '年满80周岁的本市户籍老年人',
              itemCodes: ['JF00203001'],
              check: 'card-unmet',
              unmet: { kind: 'min-age', years: 80 },
            },
            {
              id: 'JF00203001-1',
              text: '上城区户籍',
              itemCodes: ['JF00203001'],
              check: 'card-met',
            },
          ],
        },
      }),
    );
    await openApplyFromHome();
    fireEvent.click(screen.getByTestId('apply-item-QR01001001'));
    await waitFor(() => expect(step()).toBe('form'));
    expect(screen.getByTestId('apply-not-eligible').textContent).toContain(
      '该事项要求年满80周岁，您目前未满80周岁，暂不能申请。',
    );
    expect(screen.getByTestId('apply-condition-JF00203001-0').dataset.check).toBe('card-unmet');
    expect(screen.getByTestId('apply-condition-JF00203001-1').textContent).toContain('已核对身份证，符合');
    // Nothing to tap on either: the card decided them.
    expect(screen.getByTestId('apply-condition-JF00203001-0').tagName).toBe('LI');
    expect(screen.getByTestId('apply-next')).toHaveProperty('disabled', true);
  });

  it('shows a condition in English where the catalogue has it, marked Chinese where not', async () => {
    backend.overrides.set(
      'POST /api/apply/draft',
      ok({
        draft: {
          ...DRAFT,
          conditions: [
            { ...DRAFT.conditions[0]!, textEn: 'The applicant holds the property right' },
            { id: 'QR01001001-1', text: '无英文的条件', itemCodes: ['QR01001001'], check: 'confirm' },
          ],
        },
      }),
    );
    renderApp();
    fireEvent.click(await screen.findByTestId('lang-en'));
    fireEvent.click(await screen.findByTestId('tile-apply'));
    fireEvent.click(await screen.findByTestId('apply-tab-items'));
    fireEvent.click(await screen.findByTestId('apply-item-QR01001001'));
    await waitFor(() => expect(step()).toBe('form'));
    const english = screen.getByTestId('apply-condition-QR01001001-0');
    expect(english.textContent).toContain('The applicant holds the property right');
    expect(english.querySelector('[lang="en"]')).toBeTruthy();
    expect(screen.getByTestId('apply-condition-QR01001001-1').querySelector('[lang="zh-CN"]')).toBeTruthy();
  });

  it('asks a phone for the locker, whose pickup code comes by text message', async () => {
    await openApplyFromHome();
    fireEvent.click(screen.getByTestId('apply-item-QR01001001'));
    await waitFor(() => expect(step()).toBe('form'));
    act(() =>
      useApplyStore.setState({
        step: 'pickup',
        conditionsConfirmed: ['QR01001001-0'],
        commitmentsSigned: ['MARITAL'],
      }),
    );
    expect(screen.getByTestId('apply-delivery-needs-self-service').textContent).toBe('需要：手机号码');
    expect(screen.getByTestId('apply-delivery-needs-post').textContent).toBe(
      '需要：身份证上的住址和手机号码',
    );
    expect(screen.queryByTestId('apply-delivery-needs-window')).toBeNull();
    fireEvent.click(screen.getByTestId('apply-delivery-self-service'));
    expect(screen.getByTestId('apply-phone-needed').textContent).toContain('取件码以短信发到您的手机');
    expect(screen.getByTestId('apply-next')).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByTestId('apply-delivery-window'));
    expect(screen.queryByTestId('apply-phone-needed')).toBeNull();
    expect(screen.getByTestId('apply-next')).toHaveProperty('disabled', false);
  });

  it('shows the case number once the backend says it arrived', async () => {
    await openApplyFromHome();
    act(() =>
      useApplyStore.setState({
        step: 'receipt',
        draft: DRAFT,
        receipt: RECEIPT,
      }),
    );
    await screen.findByTestId('apply-receipt');
    backend.overrides.set(
      'GET /api/apply/receipts/T-001-000001',
      ok({
        receipt: {
          ...RECEIPT,
          offline: false,
          followUrl: 'https://zwfw.example.gov.cn/case?case=BJ20261125000001',
          cases: [{ ...RECEIPT.cases[0]!, state: 'submitted', caseNumber: 'BJ20261125000001' }],
        },
      }),
    );
    act(() => FakeEventSource.latest().emit({ type: 'state-changed' }));
    await waitFor(() => expect(screen.getByTestId('apply-receipt').dataset.pending).toBe('false'));
    expect(screen.getByTestId('apply-case-number-QR01001001').textContent).toBe('BJ20261125000001');
  });

  it('searches the guide and lists only what can be applied for here', async () => {
    const retire = {
      bundleCode: 'BD-RETIRE',
      name: { zh: '退休“一件事”', en: 'Retirement' },
      description: { zh: '', en: '' },
      itemCount: 3,
    };
    const windowOnly = {
      itemCode: 'XK99999001',
      name: { zh: '只在窗口办的事项', en: 'Window only' },
      departmentName: { zh: '某局', en: 'Some bureau' },
      suspended: false,
    };
    backend.overrides.set('GET /api/guide/search?q=T', ok({ bundles: [], items: [] }));
    backend.overrides.set(
      'GET /api/guide/search?q=TX',
      ok({
        bundles: [retire, { ...retire, bundleCode: 'BD-ELSEWHERE' }],
        items: [windowOnly, { ...windowOnly, itemCode: 'QR01001001', name: DRAFT.title }],
      }),
    );
    await openApplyFromHome();
    fireEvent.click(screen.getByTestId('apply-tab-search'));
    await press('T');
    await press('X');
    await waitFor(() => expect(screen.getByTestId('apply-results').dataset.query).toBe('TX'));
    await screen.findByTestId('apply-item-QR01001001');
    expect(screen.queryByTestId('apply-item-XK99999001')).toBeNull();
    expect(screen.queryByTestId('apply-bundle-BD-ELSEWHERE')).toBeNull();
    expect(screen.getByTestId('apply-bundle-BD-RETIRE')).toBeTruthy();
  });

  it('says plainly that a typed ID number cannot apply', async () => {
    backend.state = makeState({ citizen: { ...CITIZEN, maskedName: '', source: 'typed' } });
    renderApp();
    await screen.findByTestId('declared-limits');
    // The home screen offers no apply tile without a card; any other way in still says why.
    act(() => openApply());
    expect((await screen.findByTestId('apply-card-only')).textContent).toContain('需要刷身份证');
    expect(backend.callsTo('GET', '/api/apply/offer')).toHaveLength(0);
  });

  it('asks for the signature again when the backend holds none at submission', async () => {
    backend.overrides.set('POST /api/apply/submit', {
      status: 400,
      body: { ok: false, error: { code: 'bad-request', reason: 'signature-missing' } },
    });
    await openApplyFromHome();
    fireEvent.click(screen.getByTestId('apply-item-QR01001001'));
    await waitFor(() => expect(step()).toBe('form'));
    act(() => useApplyStore.setState({ step: 'commitments', conditionsConfirmed: ['QR01001001-0'] }));
    act(() => FakeSignaturePad.current!.stroke(signatureStroke()));
    fireEvent.click(screen.getByTestId('apply-signature-confirm'));
    await screen.findByTestId('apply-signature-image');
    act(() => useApplyStore.setState({ step: 'review', delivery: 'window' }));
    fireEvent.click(screen.getByTestId('apply-submit'));
    expect((await screen.findByTestId('apply-error')).textContent).toBe('请在方框内签名，确认以上承诺。');
    expect(useApplyStore.getState()).toMatchObject({ signature: null, commitmentsSigned: [] });
  });

  it('shows the reason when the backend refuses, and forgets everything with the session', async () => {
    backend.overrides.set('POST /api/apply/draft', {
      status: 400,
      body: { ok: false, error: { code: 'bad-request', reason: 'not-on-kiosk' } },
    });
    await openApplyFromHome();
    fireEvent.click(screen.getByTestId('apply-item-QR01001001'));
    expect((await screen.findByTestId('apply-error')).textContent).toBe(
      '这个事项不能在自助机上申请，请到窗口办理。',
    );
    act(() => useApplyStore.setState({ phone: '13812345678' }));
    act(() => wipeSession());
    expect(useApplyStore.getState()).toMatchObject({ phone: '', draft: null, step: 'choose', error: null });
  });
});
