import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponseSchema } from '../contract';
import type { CentralContext } from '../context';
import { ApiError } from '../http/errors';
import { deviceOrStaffSecurity, identify, requireStaff, staffSecurity } from '../staff/auth';
import {
  bundleParamsSchema,
  bundleResponseSchema,
  catalogueChangesQuerySchema,
  catalogueChangesResponseSchema,
  catalogueRegionQuerySchema,
  itemParamsSchema,
  itemResponseSchema,
  listBundlesResponseSchema,
  listDepartmentsResponseSchema,
  listItemsQuerySchema,
  listItemsResponseSchema,
  listRegionsResponseSchema,
  updateItemRequestSchema,
} from './contract';
import { CITY_REGION } from './seed-data';

const tags = ['catalogue'];
const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema };

/** The ETag of every catalogue read: the body of a catalogue URL depends only on the version. */
export function catalogueEtag(version: number): string {
  return `"catalogue-v${version}"`;
}

/**
 * Sets the ETag and answers 304 when the client already has this version. Returns true when the
 * 304 was sent and the handler must stop.
 */
function notModified(request: FastifyRequest, reply: FastifyReply, version: number): boolean {
  const etag = catalogueEtag(version);
  reply.header('etag', etag).header('cache-control', 'no-cache');
  const inm = request.headers['if-none-match'];
  if (typeof inm === 'string' && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
    reply.code(304).send();
    return true;
  }
  return false;
}

/** Catalogue reads (any kiosk or staff member) and the manager's item edit. */
export const catalogueRoutes: FastifyPluginAsyncZod<{ ctx: CentralContext }> = async (app, { ctx }) => {
  const { catalogue } = ctx;
  app.addHook('onRequest', identify(ctx));

  function region(code: string | undefined): string {
    const resolved = code ?? CITY_REGION;
    if (!catalogue.region(resolved)) throw new ApiError(404, 'unknown-region', `No region ${resolved}`);
    return resolved;
  }

  app.get(
    '/v1/catalogue/regions',
    {
      schema: {
        summary: 'Regions (city, districts, streets, communities) with 12-digit codes',
        tags,
        security: deviceOrStaffSecurity,
        response: { 200: listRegionsResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const version = catalogue.version();
      if (notModified(request, reply, version)) return reply;
      return { version, regions: catalogue.regions() };
    },
  );

  app.get(
    '/v1/catalogue/departments',
    {
      schema: {
        summary: 'Departments stationed in the halls',
        tags,
        security: deviceOrStaffSecurity,
        response: { 200: listDepartmentsResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const version = catalogue.version();
      if (notModified(request, reply, version)) return reply;
      return { version, departments: catalogue.departments() };
    },
  );

  app.get(
    '/v1/catalogue/items',
    {
      schema: {
        summary: 'Service items as they apply in a region (district variants resolved); ETag by version',
        tags,
        security: deviceOrStaffSecurity,
        querystring: listItemsQuerySchema,
        response: { 200: listItemsResponseSchema, ...errors, 404: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const { category, departmentId, q } = request.query;
      const regionCode = region(request.query.regionCode);
      const version = catalogue.version();
      if (notModified(request, reply, version)) return reply;
      const needle = q?.toLowerCase();
      const items = catalogue
        .items(regionCode)
        .filter(
          (i) =>
            (!category || i.queueCategory === category) &&
            (!departmentId || i.departmentId === departmentId) &&
            (!needle || i.name.zh.includes(q!) || i.name.en.toLowerCase().includes(needle)),
        );
      return { version, regionCode, items };
    },
  );

  app.get(
    '/v1/catalogue/items/:itemCode',
    {
      schema: {
        summary: 'One service item as it applies in a region',
        tags,
        security: deviceOrStaffSecurity,
        params: itemParamsSchema,
        querystring: catalogueRegionQuerySchema,
        response: { 200: itemResponseSchema, ...errors, 404: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const regionCode = region(request.query.regionCode);
      const item = catalogue.item(request.params.itemCode, regionCode);
      if (!item) {
        throw new ApiError(404, 'unknown-item', `No item ${request.params.itemCode} in region ${regionCode}`);
      }
      const version = catalogue.version();
      if (notModified(request, reply, version)) return reply;
      return { version, item };
    },
  );

  app.get(
    '/v1/catalogue/bundles',
    {
      schema: {
        summary: '"一件事" bundles with their merged, de-duplicated material lists',
        tags,
        security: deviceOrStaffSecurity,
        querystring: catalogueRegionQuerySchema,
        response: { 200: listBundlesResponseSchema, ...errors, 404: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const regionCode = region(request.query.regionCode);
      const version = catalogue.version();
      if (notModified(request, reply, version)) return reply;
      return { version, regionCode, bundles: catalogue.bundles(regionCode) };
    },
  );

  app.get(
    '/v1/catalogue/bundles/:bundleCode',
    {
      schema: {
        summary: 'One "一件事" bundle as it applies in a region',
        tags,
        security: deviceOrStaffSecurity,
        params: bundleParamsSchema,
        querystring: catalogueRegionQuerySchema,
        response: { 200: bundleResponseSchema, ...errors, 404: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const regionCode = region(request.query.regionCode);
      const bundle = catalogue.bundle(request.params.bundleCode, regionCode);
      if (!bundle) throw new ApiError(404, 'unknown-bundle', `No bundle ${request.params.bundleCode}`);
      const version = catalogue.version();
      if (notModified(request, reply, version)) return reply;
      return { version, bundle };
    },
  );

  app.get(
    '/v1/catalogue/changes',
    {
      schema: {
        summary: 'Catalogue definitions changed after version N (for incremental sync)',
        tags,
        security: deviceOrStaffSecurity,
        querystring: catalogueChangesQuerySchema,
        response: { 200: catalogueChangesResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const changes = catalogue.changesSince(request.query.since);
      // The stored changes may be a moment ahead of the served snapshot; report the newer version.
      const version = changes.reduce((v, c) => Math.max(v, c.version), catalogue.version());
      reply.header('etag', catalogueEtag(version));
      return { since: request.query.since, version, changes };
    },
  );

  app.patch(
    '/v1/staff/catalogue/items/:itemCode',
    {
      schema: {
        summary: 'Change an item definition (manager); publishes catalogue.changed',
        description:
          'The catalogue is the same for every hall of a region, so only a city-level manager (every hall) may change it; a manager of some halls is refused 403.',
        tags: ['staff', ...tags],
        security: staffSecurity,
        params: itemParamsSchema,
        body: updateItemRequestSchema,
        response: { 200: itemResponseSchema, ...errors, 404: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const member = requireStaff(request, 'manager');
      if (!member.everyHall) {
        throw new ApiError(403, 'forbidden', 'Only a manager of every hall may change the catalogue');
      }
      const version = ctx.db.transaction(() => {
        const v = catalogue.updateItem(request.params.itemCode, request.body);
        if (v !== undefined) ctx.events.publish({ type: 'catalogue.changed', data: { version: v } });
        return v;
      })();
      if (version === undefined)
        throw new ApiError(404, 'unknown-item', `No item ${request.params.itemCode}`);
      reply.header('etag', catalogueEtag(version));
      return { version, item: definedItem(ctx, request.params.itemCode)! };
    },
  );
};

/** An item as its owner defines it: the city's view, or its district's for a local item. */
function definedItem(ctx: CentralContext, itemCode: string) {
  for (const r of ctx.catalogue.regions()) {
    const item = ctx.catalogue.item(itemCode, r.regionCode);
    if (item) return item;
  }
  return undefined;
}
