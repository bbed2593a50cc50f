import { describe, expect, it } from 'vitest';
import { caseActions } from '../cases/contract';
import { http, useCentralWithStaff } from '../cases/test-support';

const { central } = useCentralWithStaff();

const routes: [string, string][] = [
  ['get', '/v1/catalogue/regions'],
  ['get', '/v1/catalogue/departments'],
  ['get', '/v1/catalogue/items'],
  ['get', '/v1/catalogue/items/{itemCode}'],
  ['get', '/v1/catalogue/bundles'],
  ['get', '/v1/catalogue/bundles/{bundleCode}'],
  ['get', '/v1/catalogue/changes'],
  ['patch', '/v1/staff/catalogue/items/{itemCode}'],
  ['post', '/v1/cases'],
  ['post', '/v1/cases/lookup'],
  ['post', '/v1/cases/{caseId}/withdraw'],
  ['post', '/v1/e-certificates/lookup'],
  ['get', '/v1/kiosks/{terminalId}/events'],
  ['get', '/v1/staff/me'],
  ['get', '/v1/staff/cases'],
  ['get', '/v1/staff/cases/{caseId}'],
  ...caseActions.map((a): [string, string] => ['post', `/v1/staff/cases/{caseId}/${a}`]),
];

describe('OpenAPI document', () => {
  it('covers every catalogue, case, event and staff route with its security and error responses', async () => {
    const doc = (await http(central.baseUrl).get('/openapi.json', null)).json;
    expect(doc.components.securitySchemes.staffToken).toEqual({ type: 'http', scheme: 'bearer' });
    for (const [method, path] of routes) {
      const op = doc.paths[path]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      expect(op.security?.length, `${method} ${path} security`).toBeGreaterThan(0);
      expect(op.responses['401'], `${method} ${path} 401`).toBeDefined();
      expect(op.summary, `${method} ${path} summary`).toBeTruthy();
    }
    const submit = doc.paths['/v1/cases'].post;
    expect(submit.requestBody.content['application/json'].schema.properties.applicant).toBeDefined();
    expect(submit.parameters.some((p: { name: string }) => p.name === 'idempotency-key')).toBe(true);
    expect(Object.keys(doc.paths['/v1/kiosks/{terminalId}/events'].get.responses['200'].content)).toContain(
      'text/event-stream',
    );
  });
});
