import { readFileSync } from 'node:fs';
import { FLEET_PAGE_STYLE } from '../kiosks/fleet-page';
import type { StaffCall } from './contract';

/**
 * Where the staff-call page lives: under /v1/kiosks, so the fleet page's browser session cookie
 * (its path is /v1/kiosks) opens it too, and a manager logs in once for both.
 */
export const STAFF_CALL_PATHS = {
  page: '/v1/kiosks/staff-calls.html',
  events: '/v1/kiosks/staff-calls/events',
  script: '/v1/kiosks/staff-calls.js',
  style: '/v1/kiosks/staff-calls.css',
  /** The calls as JSON, and each call's take and close; the page's buttons post to these. */
  calls: '/v1/kiosks/staff-calls',
} as const;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Hall staff read Chinese first: the journey steps by the screens' own names. */
const STEP_NAMES: Record<string, string> = {
  home: '首页',
  'take-number': '取号',
  taking: '取号中',
  ticket: '号票',
  error: '出错页',
  identify: '身份识别',
  appointments: '预约',
  payments: '缴费',
  evaluations: '评价',
  guide: '办事指南',
  apply: '申办',
  progress: '办件进度',
};

/** Shanghai wall-clock time of an instant, as hall staff read it (HH:mm:ss). */
function hallClock(isoTime: string): string {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(isoTime));
}

function statusCell(call: StaffCall): string {
  if (call.status === 'taken') {
    return `<td class="ok">已接单 taken · ${escapeHtml(call.takenBy?.displayName ?? '')}</td>`;
  }
  if (call.escalatedAt !== null) {
    return '<td class="bad">已升级至值班主任 escalated to the duty manager</td>';
  }
  return '<td class="bad">待接单 waiting</td>';
}

/** One call's row; the page's script swaps rows in place, and drops them once the call has ended. */
export function renderStaffCallRow(call: StaffCall): string {
  const step = STEP_NAMES[call.step];
  const actions =
    call.status === 'open'
      ? `<button type="button" data-action="take" data-call="${escapeHtml(call.callId)}">接单 Take</button> `
      : '';
  return (
    `<tr data-call="${escapeHtml(call.callId)}" data-status="${call.status}"` +
    `${call.escalatedAt !== null && call.status === 'open' ? ' class="escalated"' : ''}>` +
    `<td>${escapeHtml(hallClock(call.receivedAt))}</td>` +
    `<td>${escapeHtml(call.placement ?? '—')}</td><td>${escapeHtml(call.terminalId)}</td>` +
    `<td>${escapeHtml(step ? `${step} ${call.step}` : call.step)}</td>${statusCell(call)}` +
    `<td>${actions}<button type="button" data-action="close" data-call="${escapeHtml(call.callId)}">完成 Close</button></td></tr>`
  );
}

/** The page: the open calls of the staff member's halls, live, with take and close on each. */
export function renderStaffCallPage(
  calls: readonly StaffCall[],
  viewer: { displayName: string } | undefined,
  escalateAfterSeconds: number,
): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>帮办代办呼叫 Staff calls</title>
<link rel="stylesheet" href="${STAFF_CALL_PATHS.style}"><script src="${STAFF_CALL_PATHS.script}" defer></script>
</head><body data-events="${STAFF_CALL_PATHS.events}" data-calls="${STAFF_CALL_PATHS.calls}" data-login="/v1/kiosks/login">
<h1>帮办代办呼叫 Staff calls</h1>${viewer ? `<p class="who">${escapeHtml(viewer.displayName)}</p>` : ''}
<p><span id="call-count">${calls.length}</span> 个呼叫 calls · <span id="calls-live">未实时更新 not live</span> ·
${escalateAfterSeconds} 秒无人接单即升级至值班主任 unanswered after ${escalateAfterSeconds} s, a call goes to the duty manager</p>
<p id="call-error" class="bad" role="alert"></p>
<table><thead><tr><th>呼叫时间 Called</th><th>位置 Place</th><th>终端 Terminal</th><th>所在步骤 Step</th><th>状态 Status</th><th></th></tr></thead>
<tbody id="call-rows">
${calls.map(renderStaffCallRow).join('\n')}
</tbody></table></body></html>`;
}

/** The page's script, read once: a file of its own so the CSP can forbid inline code. */
export const STAFF_CALL_PAGE_SCRIPT = readFileSync(new URL('./page.client.js', import.meta.url), 'utf8');

/** The fleet page's look, and an escalated call that nobody can miss. */
export const STAFF_CALL_PAGE_STYLE = `${FLEET_PAGE_STYLE}tr.escalated{background:#fde8e6}
tr.escalated td{font-weight:bold}button{font-size:1.1rem;padding:.3rem 1rem}
`;
