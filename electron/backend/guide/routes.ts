import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Kiosk } from '../kiosk';
import { guideSearchQuerySchema } from '../api/contract';
import { parseOrRefuse as parse, sendError } from '../api/replies';

const departmentParams = z.object({ departmentId: z.string().min(1).max(64) });
const bundleParams = z.object({ bundleCode: z.string().regex(/^BD-[A-Z]{2,16}$/) });
const itemParams = z.object({ itemCode: z.string().regex(/^[A-Z]{2}\d{8}$/) });

/**
 * The service guide: browse by life event or department, search (pinyin
 * initials too), and an item's page with its materials after 四个一律取消. No identity needed.
 *
 * The catalogue is fetched at start, on the central's `catalogue.changed` (and `stream.reset`), and
 * when the link to the central comes back; between those, and while offline, it is served from the
 * copy in the downstream cache.
 */
export function registerGuideRoutes(app: FastifyInstance, kiosk: Kiosk): void {
  // Built by the kiosk, which shares it with the apply journey.
  const guide = kiosk.guide;
  const refresh = () =>
    void guide
      .refresh()
      .catch((err: Error) => kiosk.logger.error('catalogue.sync-failed', { reason: err.message }));
  let wasOnline = true;
  const unsubscribers = [
    kiosk.onCentralEvent((event) => {
      if (event.type === 'catalogue.changed' || event.type === 'stream.reset') refresh();
    }),
    kiosk.delivery.onStatusChange((status) => {
      if (status.online && !wasOnline) refresh();
      wasOnline = status.online;
    }),
  ];
  refresh();
  app.addHook('onClose', async () => {
    unsubscribers.forEach((u) => u());
    await guide.idle();
  });

  /** The catalogue to serve: the copy held, or (nothing held yet) one fetched now. */
  async function ready(reply: FastifyReply): Promise<boolean> {
    if (guide.current()) return true;
    await guide.refresh();
    if (guide.current()) return true;
    void sendError(reply, 'central-unreachable', { detail: 'no catalogue cached yet' });
    return false;
  }

  app.get('/api/guide/overview', async (_request, reply) => {
    if (!(await ready(reply))) return reply;
    return { ok: true, catalogue: guide.status()!, ...guide.overview()! };
  });

  app.get('/api/guide/search', async (request, reply) => {
    const q = parse(guideSearchQuerySchema, request.query, reply);
    if (!q) return reply;
    if (!(await ready(reply))) return reply;
    return { ok: true, ...guide.search(q.q)! };
  });

  app.get('/api/guide/departments/:departmentId', async (request, reply) => {
    const p = parse(departmentParams, request.params, reply);
    if (!p) return reply;
    if (!(await ready(reply))) return reply;
    const found = guide.department(p.departmentId);
    return found ? { ok: true, ...found } : sendError(reply, 'not-found');
  });

  app.get('/api/guide/bundles/:bundleCode', async (request, reply) => {
    const p = parse(bundleParams, request.params, reply);
    if (!p) return reply;
    if (!(await ready(reply))) return reply;
    const bundle = guide.bundle(p.bundleCode);
    return bundle ? { ok: true, bundle } : sendError(reply, 'not-found');
  });

  app.get('/api/guide/items/:itemCode', async (request, reply) => {
    const p = parse(itemParams, request.params, reply);
    if (!p) return reply;
    if (!(await ready(reply))) return reply;
    const item = guide.item(p.itemCode);
    return item ? { ok: true, item } : sendError(reply, 'not-found');
  });
}
