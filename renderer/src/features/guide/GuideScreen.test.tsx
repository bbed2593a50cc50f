// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GuideBundle, GuideItem } from '../../../../electron/backend/guide/contract';
import { App } from '../../App';
import { resetKioskStore, setLanguage, useKioskStore } from '../../state/kioskStore';
import { CITIZEN, createFakeEventSource, FakeBackend, FakeEventSource } from '../../testing/fakeBackend';
import { ManualScheduler } from '../../time/scheduler';
import { useGuideStore } from './guideStore';

const MORTGAGE = {
  itemCode: 'QR01003001',
  name: { zh: '不动产抵押权首次登记', en: 'Real estate mortgage registration' },
  departmentName: { zh: '市规划和自然资源局', en: 'Planning and Natural Resources Bureau' },
  suspended: false,
};

const ITEM: GuideItem = {
  ...MORTGAGE,
  implementingCode: 'QR01003001-1-330100000000',
  conditions: [
    { zh: '申请人为不动产权利人', en: 'The applicant holds the property right' },
    // A condition the catalogue has no English for yet.
    { zh: '抵押物权属清楚', en: '抵押物权属清楚', enMissing: true },
  ],
  fees: [
    {
      name: { zh: '不动产登记费', en: 'Real estate registration fee' },
      amountFen: 8000,
      basis: { zh: '发改价格规〔2016〕2559号', en: 'NDRC Price Regulation [2016] No. 2559' },
    },
  ],
  promisedDays: 1,
  legalDays: 30,
  hallName: '市民服务中心',
  queueCategory: 'B',
  channels: ['window', 'kiosk', 'mobile'],
  materials: {
    toBring: [{ code: 'LOAN', name: { zh: '借款合同', en: 'Loan contract' }, form: 'original' }],
    dropped: [
      {
        code: 'ID',
        name: { zh: '居民身份证', en: 'Resident ID card' },
        form: 'electronic',
        reason: 'e-certificate',
        basis: { zh: '居民身份证电子证照', en: 'Resident ID e-certificate' },
      },
      {
        code: 'MARITAL',
        name: { zh: '婚姻状况证明', en: 'Proof of marital status' },
        form: 'original',
        reason: 'commitment',
        basis: { zh: '告知承诺制', en: 'Commitment instead of proof' },
      },
      {
        code: 'KIN',
        name: { zh: '亲属关系证明', en: 'Proof of kinship' },
        form: 'copy',
        reason: 'no-legal-basis',
      },
      {
        code: 'TAX',
        name: { zh: '完税凭证', en: 'Tax voucher' },
        form: 'copy',
        reason: 'online-verification',
        basis: { zh: '税务系统在线核验', en: 'Checked online by the tax system' },
      },
    ],
  },
  reduction: { materialsListed: 5, materialsToProvide: 1 },
};

const BUNDLE: GuideBundle = {
  bundleCode: 'BD-HOMESALE',
  name: { zh: '二手房交易登记“一件事”', en: 'Resale home “one thing”' },
  description: {
    zh: '税费申报、契税、转移登记一窗联办',
    en: 'Tax declaration, deed tax and transfer registration at one window',
  },
  itemCount: 1,
  promisedDays: 1,
  items: [MORTGAGE],
  materials: ITEM.materials,
};

const ok = (body: object) => ({ status: 200, body: { ok: true, ...body } });

let backend: FakeBackend;

beforeEach(() => {
  resetKioskStore();
  FakeEventSource.instances = [];
  backend = new FakeBackend();
  backend.overrides.set(
    'GET /api/guide/overview',
    ok({
      catalogue: { version: 3, fetchedAt: '2026-11-25T01:00:00.000Z', fromCache: false },
      bundles: [
        {
          bundleCode: BUNDLE.bundleCode,
          name: BUNDLE.name,
          description: BUNDLE.description,
          itemCount: 1,
        },
      ],
      departments: [{ departmentId: '330100-GT', name: MORTGAGE.departmentName, itemCount: 1 }],
    }),
  );
  backend.overrides.set('GET /api/guide/bundles/BD-HOMESALE', ok({ bundle: BUNDLE }));
  backend.overrides.set('GET /api/guide/items/QR01003001', ok({ item: ITEM }));
  backend.overrides.set(
    'GET /api/guide/departments/330100-GT',
    ok({
      department: { departmentId: '330100-GT', name: MORTGAGE.departmentName, itemCount: 1 },
      items: [MORTGAGE],
    }),
  );
  for (const q of ['B', 'BD'])
    backend.overrides.set(`GET /api/guide/search?q=${q}`, ok({ bundles: [], items: [] }));
  backend.overrides.set('GET /api/guide/search?q=BDC', ok({ bundles: [], items: [MORTGAGE] }));
  vi.stubGlobal('fetch', backend.fetch);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function openGuideFromHome(): Promise<void> {
  render(<App scheduler={new ManualScheduler()} createEventSource={createFakeEventSource} />);
  fireEvent.click(await screen.findByTestId('tile-guide'));
  await screen.findByTestId('guide-bundle-BD-HOMESALE');
}

describe('service guide', () => {
  it('opens without identity and browses a life event to an item with its dropped materials', async () => {
    await openGuideFromHome();
    expect(useKioskStore.getState().kiosk?.citizen).toBeNull();
    expect(screen.getByTestId('guide-title').textContent).toBe('办事指南');

    fireEvent.click(screen.getByTestId('guide-bundle-BD-HOMESALE'));
    const itemTile = await screen.findByTestId('guide-item-QR01003001');
    expect(screen.getByTestId('guide-title').textContent).toBe('二手房交易登记“一件事”');
    fireEvent.click(itemTile);
    await screen.findByTestId('guide-dropped');

    expect(screen.getByTestId('guide-title').textContent).toBe('不动产抵押权首次登记');
    expect(screen.getByTestId('guide-bring-LOAN').textContent).toContain('借款合同');
    const dropped = screen.getByTestId('guide-dropped');
    expect(within(dropped).getByTestId('guide-dropped-ID').textContent).toContain('可以调取电子证照');
    expect(within(dropped).getByTestId('guide-dropped-ID').textContent).toContain('居民身份证电子证照');
    expect(within(dropped).getByTestId('guide-dropped-MARITAL').textContent).toContain('书面承诺');
    expect(within(dropped).getByTestId('guide-dropped-KIN').textContent).toContain('没有法律法规依据');
    expect(within(dropped).getByTestId('guide-dropped-TAX').textContent).toContain('网上核验');
    expect(screen.getByTestId('guide-fees').textContent).toContain('80.00 元');
    expect(screen.getByTestId('guide-time-limit').textContent).toContain('承诺 1 个工作日');
    expect(screen.getByTestId('guide-where').textContent).toContain('取 B 类号');
    expect(screen.getByTestId('guide-reduction').textContent).toContain('原来要 5 份材料，现在只需带 1 份');

    // Back returns to the life event, then to the guide's home.
    fireEvent.click(screen.getByTestId('guide-back'));
    expect(screen.getByTestId('guide-title').textContent).toBe('二手房交易登记“一件事”');
    fireEvent.click(screen.getByTestId('guide-back'));
    expect(screen.getByTestId('guide-title').textContent).toBe('办事指南');
  });

  it('shows the item in English', async () => {
    await openGuideFromHome();
    act(() => setLanguage('en'));
    fireEvent.click(screen.getByTestId('guide-tab-departments'));
    fireEvent.click(await screen.findByTestId('guide-department-330100-GT'));
    fireEvent.click(await screen.findByTestId('guide-item-QR01003001'));
    await screen.findByTestId('guide-dropped');
    expect(screen.getByTestId('guide-title').textContent).toBe('Real estate mortgage registration');
    expect(screen.getByTestId('guide-dropped-ID').textContent).toContain('electronic certificate is fetched');
    expect(screen.getByTestId('guide-dropped-MARITAL').textContent).toContain('written commitment');
    expect(screen.getByTestId('guide-bring-LOAN').textContent).toContain('Loan contract');
    // Conditions, fees and bases in English; one without English is shown in Chinese, marked.
    const conditions = screen.getByTestId('guide-conditions').querySelectorAll('li');
    expect(conditions[0]!.textContent).toBe('The applicant holds the property right');
    expect(conditions[0]!.getAttribute('lang')).toBe('en');
    expect(conditions[1]!.textContent).toBe('抵押物权属清楚 (in Chinese only)');
    expect(conditions[1]!.getAttribute('lang')).toBe('zh-CN');
    const fees = screen.getByTestId('guide-fees').textContent;
    expect(fees).toContain('Real estate registration fee');
    expect(fees).toContain('NDRC Price Regulation [2016] No. 2559');
    expect(fees).not.toMatch(/\p{Script=Han}/u);
    expect(screen.getByTestId('guide-dropped-ID').textContent).toContain('Resident ID e-certificate');
  });

  it("shows a life event's description in English", async () => {
    await openGuideFromHome();
    act(() => setLanguage('en'));
    fireEvent.click(screen.getByTestId('guide-bundle-BD-HOMESALE'));
    await screen.findByTestId('guide-item-QR01003001');
    expect(
      screen.getByText('Tax declaration, deed tax and transfer registration at one window'),
    ).toBeTruthy();
    expect(screen.queryByText('税费申报、契税、转移登记一窗联办')).toBeNull();
  });

  it('searches by pinyin initials typed on the on-screen keyboard', async () => {
    await openGuideFromHome();
    fireEvent.click(screen.getByTestId('guide-search'));
    fireEvent.click(screen.getByTestId('keyboard-tab-letters'));
    for (const key of ['B', 'D', 'C']) {
      const button = await screen.findByTestId(`key-${key}`);
      await act(async () => {
        fireEvent.mouseDown(button);
        fireEvent.mouseUp(button);
        fireEvent.click(button);
      });
    }
    expect(screen.getByTestId('guide-query').textContent).toContain('BDC');
    const results = await screen.findByTestId('guide-results');
    await within(results).findByTestId('guide-item-QR01003001');
    expect(backend.callsTo('GET', '/api/guide/search?q=BDC')).toHaveLength(1);
  });

  it('searches in Chinese typed by pinyin: bdc, pick 不动产, and the items come', async () => {
    const q = `/api/guide/search?q=${encodeURIComponent('不动产')}`;
    backend.overrides.set(`GET ${q}`, ok({ bundles: [], items: [MORTGAGE] }));
    backend.overrides.set(
      'POST /api/pinyin/candidates',
      ok({ page: 0, candidates: [{ text: '不动产', consumed: 3 }], hasMore: false }),
    );
    await openGuideFromHome();
    fireEvent.click(screen.getByTestId('guide-search'));
    expect(screen.getByTestId('keyboard-tab-pinyin').getAttribute('aria-selected')).toBe('true');
    for (const key of ['b', 'd', 'c']) {
      const button = await screen.findByTestId(`key-${key}`);
      await act(async () => {
        fireEvent.mouseDown(button);
        fireEvent.mouseUp(button);
        fireEvent.click(button);
      });
    }
    expect(backend.callsTo('POST', '/api/pinyin/candidates').at(-1)?.body).toEqual({
      input: 'bdc',
      page: 0,
      pageSize: 8,
    });
    fireEvent.click(await screen.findByTestId('pinyin-candidate-0'));
    expect(screen.getByTestId('guide-query').textContent).toContain('不动产');
    const results = await screen.findByTestId('guide-results');
    await within(results).findByTestId('guide-item-QR01003001');
    expect(backend.callsTo('GET', q)).toHaveLength(1);
  });

  it('says when nothing matches', async () => {
    await openGuideFromHome();
    fireEvent.click(screen.getByTestId('guide-search'));
    backend.overrides.set('GET /api/guide/search?q=Z', ok({ bundles: [], items: [] }));
    fireEvent.click(screen.getByTestId('keyboard-tab-letters'));
    const z = await screen.findByTestId('key-Z');
    await act(async () => {
      fireEvent.mouseDown(z);
      fireEvent.mouseUp(z);
      fireEvent.click(z);
    });
    await screen.findByTestId('guide-no-results');
  });

  it('says when the copy shown is the one saved on the kiosk', async () => {
    backend.overrides.set(
      'GET /api/guide/overview',
      ok({
        catalogue: { version: 3, fetchedAt: '2026-11-25T01:00:00.000Z', fromCache: true },
        bundles: [
          {
            bundleCode: 'BD-HOMESALE',
            name: BUNDLE.name,
            description: { zh: '', en: '' },
            itemCount: 1,
          },
        ],
        departments: [],
      }),
    );
    await openGuideFromHome();
    expect(screen.getByTestId('guide-cached').textContent).toContain('本机保存的办事指南');
  });

  it('shows a plain error when the guide cannot be loaded', async () => {
    backend.overrides.set('GET /api/guide/overview', {
      status: 503,
      body: { ok: false, error: { code: 'central-unreachable' } },
    });
    render(<App scheduler={new ManualScheduler()} createEventSource={createFakeEventSource} />);
    fireEvent.click(await screen.findByTestId('tile-guide'));
    await screen.findByTestId('guide-error');
  });

  it('is wiped when the session is, and reachable for an identified citizen too', async () => {
    await openGuideFromHome();
    fireEvent.click(screen.getByTestId('guide-bundle-BD-HOMESALE'));
    await screen.findByTestId('guide-item-QR01003001');
    // A citizen taps a card, then takes it away: home, and the guide starts over next time.
    backend.state = { ...backend.state, citizen: { ...CITIZEN } };
    act(() => FakeEventSource.latest().emit({ type: 'state-changed' }));
    await act(async () => {});
    expect(useKioskStore.getState().screen).toBe('guide');
    backend.state = { ...backend.state, citizen: null };
    act(() => FakeEventSource.latest().emit({ type: 'state-changed' }));
    await screen.findByTestId('home-prompt');
    expect(useGuideStore.getState().stack).toEqual([{ name: 'home', tab: 'events' }]);
  });
});
