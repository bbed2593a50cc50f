import type { FastifyInstance } from 'fastify';
import { STAFF_TOKEN_SCHEME } from '../staff/auth';
import { DEVICE_TOKEN_SCHEME } from './auth';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

interface OpenApiDocument {
  info?: { title?: string; version?: string };
  paths?: Record<
    string,
    Partial<Record<(typeof METHODS)[number], { summary?: string; security?: unknown[] }>>
  >;
}

const SCHEME_NAMES: Record<string, string> = {
  [DEVICE_TOKEN_SCHEME]: 'device token',
  [STAFF_TOKEN_SCHEME]: 'staff token',
};

/** "device token", "staff token", "device token or staff token", or "none". */
function describeSecurity(security: unknown[] | undefined): string {
  const schemes = (security ?? []).flatMap((s) => Object.keys(s as object));
  return schemes.length === 0 ? 'none' : schemes.map((s) => SCHEME_NAMES[s] ?? s).join(' or ');
}

/** `/openapi.json` and a plain `/docs` page listing the routes, both from the same generated document. */
export function registerDocs(app: FastifyInstance): void {
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/docs', { schema: { hide: true } }, async (_request, reply) => {
    const doc = app.swagger() as OpenApiDocument;
    const rows: string[] = [];
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        const auth = describeSecurity(op.security);
        rows.push(
          `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escapeHtml(path)}</code></td>` +
            `<td>${escapeHtml(op.summary ?? '')}</td><td>${auth}</td></tr>`,
        );
      }
    }
    const title = escapeHtml(`${doc.info?.title ?? 'API'} ${doc.info?.version ?? ''}`);
    return reply.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:sans-serif;margin:2rem}td,th{padding:.3rem .8rem;text-align:left;border-bottom:1px solid #ddd}</style>
</head><body><h1>${title}</h1><p>Machine-readable document: <a href="/openapi.json">/openapi.json</a></p>
<table><thead><tr><th>Method</th><th>Path</th><th>Summary</th><th>Auth</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></body></html>`);
  });
}
