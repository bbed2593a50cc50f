import { readFileSync } from 'node:fs';
import type { FleetKiosk } from './contract';

/** Where the fleet page lives and what it loads; all same-origin, under the cookie's path. */
export const FLEET_PATHS = {
  page: '/v1/kiosks/fleet.html',
  login: '/v1/kiosks/login',
  logout: '/v1/kiosks/logout',
  events: '/v1/kiosks/fleet/events',
  script: '/v1/kiosks/fleet.js',
  style: '/v1/kiosks/fleet.css',
} as const;

/**
 * The fleet page's headers: its own script and style files only (no inline code, so an injected
 * string cannot run), its stream and form to the same origin, and no framing.
 */
export const FLEET_PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  // Not no-referrer: with it Chromium sends "Origin: null" on the login form, and the Origin check refuses it.
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
} as const;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Hall staff read Chinese first; the English name is for the vendor's engineer on the phone. */
const DEVICE_NAMES: Record<string, string> = {
  idCardReader: '身份证阅读器',
  receiptPrinter: '凭条打印机',
  ticketPrinter: '排号打印机',
  buttonPanel: '按键面板',
  qrScanner: '扫码器',
};
const DEVICE_STATES: Record<string, string> = {
  ready: '正常',
  starting: '启动中',
  'paper-out': '缺纸',
  'paper-near-end': '纸将用完',
  'cover-open': '机盖未关',
  disconnected: '未连接',
  offline: '未连接',
  faulty: '故障',
  error: '故障',
  'not-configured': '未配置',
};

function deviceCell(name: string, state: string): string {
  const zhName = DEVICE_NAMES[name];
  const zhState = DEVICE_STATES[state];
  const label = `${zhName ? `${zhName} ` : ''}${name}: ${zhState ? `${zhState} ` : ''}${state}`;
  return `<span class="${state === 'ready' ? 'ok' : 'bad'}">${escapeHtml(label)}</span>`;
}

/** One kiosk's row; the page's script swaps rows in place as the stream sends them. */
export function renderFleetRow(k: FleetKiosk): string {
  const devices = Object.entries(k.devices ?? {})
    .map(([name, d]) => deviceCell(name, d.state))
    .join(' ');
  const configBehind = k.versions !== null && k.versions.config !== k.latestConfigVersion;
  return (
    `<tr data-terminal="${escapeHtml(k.terminalId)}"><td>${escapeHtml(k.terminalId)}</td><td>${escapeHtml(k.hallId)}</td>` +
    `<td class="${k.online ? 'ok' : 'bad'}">${k.online ? '在线 online' : '离线 offline'}</td>` +
    `<td>${escapeHtml(k.lastSeenAt ?? '—')}</td><td>${devices || '—'}</td>` +
    `<td>${k.outboxDepth ?? '—'}</td><td>${k.uptimeSeconds === null ? '—' : formatUptime(k.uptimeSeconds)}</td>` +
    `<td>${escapeHtml(k.versions?.app ?? '—')}</td>` +
    `<td class="${configBehind ? 'bad' : ''}">${k.versions?.config ?? '—'} / ${k.latestConfigVersion}</td></tr>`
  );
}

/**
 * The fleet page: one row per kiosk, offline and unhealthy devices marked. Readable without its
 * script; with it, rows follow the central's fleet stream, so nobody reloads.
 */
export function renderFleetPage(
  kiosks: readonly FleetKiosk[],
  now: number,
  viewer?: { displayName: string; session: boolean },
): string {
  const who = viewer
    ? `<p class="who">${escapeHtml(viewer.displayName)}` +
      (viewer.session
        ? ` · <form method="post" action="${FLEET_PATHS.logout}"><button type="submit">退出登录 Log out</button></form>`
        : '') +
      '</p>'
    : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>自助终端 Kiosk fleet</title>
<link rel="stylesheet" href="${FLEET_PATHS.style}"><script src="${FLEET_PATHS.script}" defer></script>
</head><body data-events="${FLEET_PATHS.events}" data-login="${FLEET_PATHS.login}"><h1>自助终端 Kiosk fleet</h1>${who}
<p><span id="fleet-count">${kiosks.length}</span> 台 kiosks · <span id="fleet-updated">${escapeHtml(new Date(now).toISOString())}</span> · <span id="fleet-live">未实时更新 not live</span></p>
<table><thead><tr><th>终端 Terminal</th><th>大厅 Hall</th><th>状态 Status</th><th>最近心跳 Last heartbeat</th><th>设备 Devices</th><th>待发送 Outbox</th><th>运行时长 Uptime</th><th>版本 App</th><th>配置 Config (applied / latest)</th></tr></thead><tbody id="fleet-rows">
${kiosks.map(renderFleetRow).join('\n')}
</tbody></table></body></html>`;
}

/** The login page: a manager types their staff token; `message` says why the last try failed. */
export function renderLoginPage(message?: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>登录 自助终端状态 Kiosk fleet login</title>
<link rel="stylesheet" href="${FLEET_PATHS.style}">
</head><body><h1>自助终端状态 Kiosk fleet</h1>
${message ? `<p class="bad" role="alert">${escapeHtml(message)}</p>` : ''}
<form method="post" action="${FLEET_PATHS.login}">
<label for="token">工作人员令牌 Staff token</label>
<input id="token" name="token" type="password" autocomplete="off" required minlength="1" maxlength="200">
<button type="submit">登录 Log in</button>
</form>
<p>令牌由中心管理员签发（central-admin staff-token）。The token is issued by the central's administrator.</p>
</body></html>`;
}

/** The page's script, read once: a file of its own so the CSP can forbid inline code. */
export const FLEET_PAGE_SCRIPT = readFileSync(new URL('./fleet-page.client.js', import.meta.url), 'utf8');

export const FLEET_PAGE_STYLE = `body{font-family:sans-serif;margin:2rem}
td,th{padding:.3rem .8rem;text-align:left;border-bottom:1px solid #ddd}
.ok{color:#1a7f37}.bad{color:#b42318;font-weight:bold}
.who form{display:inline}label{display:block;margin:.5rem 0}input{font-size:1.1rem;width:24rem;max-width:100%}
button{font-size:1rem;margin:.5rem 0}.who{color:#555}
`;

/** 3 d 4 h, 5 h 12 min, 42 min: enough to see a kiosk that keeps restarting. */
function formatUptime(seconds: number): string {
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3_600);
  const m = Math.floor((seconds % 3_600) / 60);
  return d > 0 ? `${d} d ${h} h` : h > 0 ? `${h} h ${m} min` : `${m} min`;
}
