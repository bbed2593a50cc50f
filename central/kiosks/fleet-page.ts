import type { FleetKiosk } from './contract';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** A plain, script-free fleet page: one row per kiosk, offline and unhealthy devices marked. */
export function renderFleetPage(kiosks: readonly FleetKiosk[], now: number): string {
  const rows = kiosks.map((k) => {
    const devices = Object.entries(k.devices ?? {})
      .map(([name, d]) => {
        const bad = d.state !== 'ready';
        return `<span class="${bad ? 'bad' : 'ok'}">${escapeHtml(name)}: ${escapeHtml(d.state)}</span>`;
      })
      .join(' ');
    const configBehind = k.versions !== null && k.versions.config !== k.latestConfigVersion;
    return (
      `<tr><td>${escapeHtml(k.terminalId)}</td><td>${escapeHtml(k.hallId)}</td>` +
      `<td class="${k.online ? 'ok' : 'bad'}">${k.online ? '在线 online' : '离线 offline'}</td>` +
      `<td>${escapeHtml(k.lastSeenAt ?? '—')}</td><td>${devices || '—'}</td>` +
      `<td>${k.outboxDepth ?? '—'}</td><td>${k.uptimeSeconds === null ? '—' : formatUptime(k.uptimeSeconds)}</td>` +
      `<td>${escapeHtml(k.versions?.app ?? '—')}</td>` +
      `<td class="${configBehind ? 'bad' : ''}">${k.versions?.config ?? '—'} / ${k.latestConfigVersion}</td></tr>`
    );
  });
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>自助终端 Kiosk fleet</title>
<style>body{font-family:sans-serif;margin:2rem}td,th{padding:.3rem .8rem;text-align:left;border-bottom:1px solid #ddd}.ok{color:#1a7f37}.bad{color:#b42318;font-weight:bold}</style>
</head><body><h1>自助终端 Kiosk fleet</h1><p>${kiosks.length} kiosks · ${escapeHtml(new Date(now).toISOString())}</p>
<table><thead><tr><th>Terminal</th><th>Hall</th><th>Status</th><th>Last heartbeat</th><th>Devices</th><th>Outbox</th><th>Uptime</th><th>App</th><th>Config (applied / latest)</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></body></html>`;
}

/** 3 d 4 h, 5 h 12 min, 42 min: enough to see a kiosk that keeps restarting. */
function formatUptime(seconds: number): string {
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3_600);
  const m = Math.floor((seconds % 3_600) / 60);
  return d > 0 ? `${d} d ${h} h` : h > 0 ? `${h} h ${m} min` : `${m} min`;
}
