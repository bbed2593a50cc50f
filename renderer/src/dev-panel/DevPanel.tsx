/**
 * Developer panel: drives the simulated devices (card reader, receipt printer) from the kiosk
 * screen. Shown only when the build has `__DEV_PANEL__` and the backend reports `simulated`. Not
 * citizen-facing, so its labels are not translated. Styled with style props only (no CSS file), so
 * a production build has no trace of it; the marker below is what the build test greps for.
 */
import { useState } from 'react';
import type { CSSProperties } from 'react';
import type { DevPlaceCardRequest } from '../../../electron/backend/devices/contract';
import { createDevApi, PRINTER_STATES } from './devApi';
import type { DevApi } from './devApi';
import type { ApiResult } from '../api/client';

/** Must not appear in a production bundle. */
export const DEV_PANEL_MARKER = 'kiosk-dev-panel';

type CardForm = Required<Omit<DevPlaceCardRequest, 'idNumber'>> & { idNumber: string };

const DEFAULT_CARD: CardForm = {
  name: '张三',
  idNumber: '',
  gender: 'male',
  birthDate: '1980-01-01',
  address: '浙江省杭州市上城区解放路1号',
  cardType: 'resident',
};

const CARD_TYPES: readonly CardForm['cardType'][] = [
  'resident',
  'hmt-residence-permit',
  'foreign-permanent-resident',
  'foreign-permanent-resident-2023',
];

const s = {
  root: {
    // Bottom centre: the kiosk's footer holds 返回 / 首页 on the left and 呼叫帮办 on the right.
    position: 'fixed',
    left: '50%',
    transform: 'translateX(-50%)',
    bottom: 8,
    zIndex: 1000,
    maxWidth: 420,
    maxHeight: '80vh',
    overflow: 'auto',
    background: '#fffbe6',
    color: '#1a1a1a',
    border: '2px dashed #8a6d00',
    borderRadius: 8,
    font: '14px/1.4 system-ui, sans-serif',
    boxShadow: '0 2px 8px rgba(0,0,0,0.25)',
  },
  toggle: {
    minHeight: 36,
    padding: '4px 12px',
    font: 'inherit',
    fontWeight: 700,
    cursor: 'pointer',
    width: '100%',
  },
  body: { padding: 8, display: 'grid', gap: 8 },
  row: { display: 'flex', flexWrap: 'wrap', gap: 4, alignItems: 'center' },
  label: { display: 'grid', gridTemplateColumns: '90px 1fr', gap: 4, alignItems: 'center' },
  input: { font: 'inherit', padding: 4, minHeight: 28 },
  button: { font: 'inherit', padding: '4px 8px', minHeight: 32, cursor: 'pointer' },
  paper: {
    margin: 0,
    padding: 6,
    background: '#fff',
    border: '1px solid #999',
    fontFamily: 'monospace',
    fontSize: 12,
    whiteSpace: 'pre',
    maxHeight: 200,
    overflow: 'auto',
  },
  status: { minHeight: 18, color: '#5a4300' },
} satisfies Record<string, CSSProperties>;

export default function DevPanel({ devApi = createDevApi() }: { devApi?: DevApi }) {
  const [open, setOpen] = useState(false);
  const [card, setCard] = useState<CardForm>(DEFAULT_CARD);
  const [paper, setPaper] = useState<string[] | null>(null);
  const [status, setStatus] = useState('');

  const report = (what: string, r: ApiResult<unknown>): boolean => {
    setStatus(
      r.ok ? `${what}: ok` : `${what}: ${r.error.code}${r.error.detail ? ` (${r.error.detail})` : ''}`,
    );
    return r.ok;
  };
  const field =
    <K extends keyof CardForm>(key: K) =>
    (value: CardForm[K]) =>
      setCard((c) => ({ ...c, [key]: value }));

  const placeCard = async () => {
    const { idNumber, ...rest } = card;
    const request: DevPlaceCardRequest =
      idNumber.trim() === '' ? rest : { ...rest, idNumber: idNumber.trim() };
    report('place card', await devApi.placeCard(request));
  };
  const refreshPaper = async () => {
    const r = await devApi.getPaper();
    if (report('paper', r) && r.ok) setPaper(r.value);
  };
  const tearPaper = async () => {
    if (report('tear off', await devApi.tearPaper())) setPaper([]);
  };

  return (
    <aside style={s.root} data-testid="dev-panel" data-marker={DEV_PANEL_MARKER} aria-label="Developer panel">
      <button
        type="button"
        style={s.toggle}
        data-testid="dev-panel-toggle"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {open ? '▼' : '▲'} 开发面板 / Dev panel (simulated devices)
      </button>
      {open && (
        <div style={s.body}>
          <fieldset>
            <legend>身份证 / ID card</legend>
            <label style={s.label}>
              姓名 name
              <input
                style={s.input}
                data-testid="dev-card-name"
                value={card.name}
                maxLength={15}
                onChange={(e) => field('name')(e.target.value)}
              />
            </label>
            <label style={s.label}>
              身份证号 ID
              <input
                style={s.input}
                data-testid="dev-card-id"
                value={card.idNumber}
                placeholder="empty: generated"
                maxLength={18}
                onChange={(e) => field('idNumber')(e.target.value.toUpperCase())}
              />
            </label>
            <label style={s.label}>
              出生 birth
              <input
                style={s.input}
                data-testid="dev-card-birth"
                type="date"
                value={card.birthDate}
                onChange={(e) => field('birthDate')(e.target.value)}
              />
            </label>
            <label style={s.label}>
              性别 gender
              <select
                style={s.input}
                data-testid="dev-card-gender"
                value={card.gender}
                onChange={(e) => field('gender')(e.target.value === 'female' ? 'female' : 'male')}
              >
                <option value="male">male 男</option>
                <option value="female">female 女</option>
              </select>
            </label>
            <label style={s.label}>
              证件 type
              <select
                style={s.input}
                data-testid="dev-card-type"
                value={card.cardType}
                onChange={(e) => {
                  const next = CARD_TYPES.find((c) => c === e.target.value);
                  if (next) field('cardType')(next);
                }}
              >
                {CARD_TYPES.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </label>
            <label style={s.label}>
              住址 address
              <input
                style={s.input}
                data-testid="dev-card-address"
                value={card.address}
                maxLength={35}
                onChange={(e) => field('address')(e.target.value)}
              />
            </label>
            <div style={s.row}>
              <button
                type="button"
                style={s.button}
                data-testid="dev-place-card"
                onClick={() => void placeCard()}
              >
                放卡 Place card
              </button>
              <button
                type="button"
                style={s.button}
                data-testid="dev-remove-card"
                onClick={() => void devApi.removeCard().then((r) => report('remove card', r))}
              >
                取卡 Remove card
              </button>
              <button
                type="button"
                style={s.button}
                data-testid="dev-card-elderly"
                title="Birth date 75 years ago: green channel"
                onClick={() => field('birthDate')(`${new Date().getFullYear() - 75}-01-01`)}
              >
                75岁 70+
              </button>
            </div>
          </fieldset>
          <fieldset>
            <legend>打印机 / Printer</legend>
            <div style={s.row}>
              {PRINTER_STATES.map((state) => (
                <button
                  key={state}
                  type="button"
                  style={s.button}
                  data-testid={`dev-printer-${state}`}
                  onClick={() =>
                    void devApi.setPrinterState(state).then((r) => report(`printer ${state}`, r))
                  }
                >
                  {state}
                </button>
              ))}
            </div>
            <div style={s.row}>
              <button
                type="button"
                style={s.button}
                data-testid="dev-paper-refresh"
                onClick={() => void refreshPaper()}
              >
                刷新纸面 Refresh paper
              </button>
              <button
                type="button"
                style={s.button}
                data-testid="dev-paper-tear"
                onClick={() => void tearPaper()}
              >
                撕纸 Tear off
              </button>
            </div>
            {paper !== null && (
              <pre style={s.paper} data-testid="dev-paper-lines">
                {paper.length === 0 ? '(no paper)' : paper.join('\n')}
              </pre>
            )}
          </fieldset>
          <div style={s.status} role="status" data-testid="dev-status">
            {status}
          </div>
        </div>
      )}
    </aside>
  );
}
