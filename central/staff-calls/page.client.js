// The staff-call page's script, served as a same-origin file (the page's CSP allows no inline
// code). It follows the central's staff-call stream, swaps each call's row for the one the central
// rendered, drops rows of calls that ended, and posts take and close. Plain browser JavaScript.
/* global document, EventSource, CSS */
(() => {
  const url = document.body.dataset.events;
  const callsUrl = document.body.dataset.calls;
  const rows = document.getElementById('call-rows');
  const count = document.getElementById('call-count');
  const live = document.getElementById('calls-live');
  const error = document.getElementById('call-error');
  if (!url || !rows) return;

  const showLive = (on) => {
    live.textContent = on ? '实时更新 live' : '连接中断，正在重连 reconnecting';
    live.className = on ? 'ok' : 'bad';
  };
  const rowOf = (callId) => rows.querySelector(`tr[data-call="${CSS.escape(callId)}"]`);

  const place = (callId, status, html) => {
    const existing = rowOf(callId);
    if (status === 'closed' || status === 'cancelled') {
      existing?.remove();
    } else {
      const template = document.createElement('template');
      template.innerHTML = html.trim();
      const row = template.content.firstElementChild;
      if (!row) return;
      if (existing) existing.replaceWith(row);
      else rows.appendChild(row);
    }
    count.textContent = String(rows.rows.length);
  };

  rows.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-action]');
    if (!button) return;
    button.disabled = true;
    const path = `${callsUrl}/${encodeURIComponent(button.dataset.call)}/${button.dataset.action}`;
    fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
      .then(async (res) => {
        // The row changes when the stream brings the change, as it does on every staff member's page.
        if (res.ok) {
          error.textContent = '';
          return;
        }
        const body = await res.json().catch(() => ({}));
        error.textContent = body?.error?.message ?? `HTTP ${res.status}`;
        button.disabled = false;
      })
      .catch(() => {
        error.textContent = '网络错误，请重试 Network error, try again';
        button.disabled = false;
      });
  });

  const source = new EventSource(url);
  source.addEventListener('open', () => showLive(true));
  // EventSource reconnects by itself; the central sends every live call again on each connect.
  source.addEventListener('error', () => showLive(false));
  source.addEventListener('staff-call.row', (message) => {
    const data = JSON.parse(message.data);
    place(data.callId, data.status, data.html);
  });
  source.addEventListener('staff-call.session-ended', () => {
    source.close();
    document.location.assign(document.body.dataset.login || '/');
  });
})();
