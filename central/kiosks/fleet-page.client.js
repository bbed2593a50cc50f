// The fleet page's script, served as a same-origin file (the page's CSP allows no inline code).
// It follows the central's fleet stream and swaps each kiosk's row for the one the central
// rendered, so the page never needs a reload. Plain browser JavaScript, no build step.
/* global document, EventSource, CSS */
(() => {
  const url = document.body.dataset.events;
  const rows = document.getElementById('fleet-rows');
  const count = document.getElementById('fleet-count');
  const updated = document.getElementById('fleet-updated');
  const live = document.getElementById('fleet-live');
  if (!url || !rows) return;

  const showLive = (on) => {
    live.textContent = on ? '实时更新 live' : '连接中断，正在重连 reconnecting';
    live.className = on ? 'ok' : 'bad';
  };

  const place = (terminalId, html) => {
    const template = document.createElement('template');
    template.innerHTML = html.trim();
    const row = template.content.firstElementChild;
    if (!row) return;
    const existing = rows.querySelector(`tr[data-terminal="${CSS.escape(terminalId)}"]`);
    if (existing) existing.replaceWith(row);
    else rows.appendChild(row);
    count.textContent = String(rows.rows.length);
  };

  const source = new EventSource(url);
  source.addEventListener('open', () => showLive(true));
  // EventSource reconnects by itself; the central sends the whole fleet again on each connect.
  source.addEventListener('error', () => showLive(false));
  source.addEventListener('fleet.row', (message) => {
    const data = JSON.parse(message.data);
    place(data.terminalId, data.html);
    updated.textContent = data.at;
  });
  // The session ended (expired or logged out elsewhere): back to the login page.
  source.addEventListener('fleet.session-ended', () => {
    source.close();
    document.location.assign(document.body.dataset.login || '/');
  });
})();
