import { describe, expect, it } from 'vitest';
import { http, useCentralWithStaff } from '../cases/test-support';

const { central } = useCentralWithStaff();

const routes: [method: string, path: string, security: string][] = [
  ['post', '/v1/kiosks/material-scans/uploads', 'deviceToken'],
  ['get', '/v1/kiosks/material-scans/uploads/{uploadId}', 'deviceToken'],
  ['put', '/v1/kiosks/material-scans/uploads/{uploadId}/chunks', 'deviceToken'],
  ['post', '/v1/kiosks/material-scans/uploads/{uploadId}/complete', 'deviceToken'],
  ['get', '/v1/staff/cases/{caseId}/material-scans', 'staffToken'],
  ['get', '/v1/staff/cases/{caseId}/material-scans/{uploadId}', 'staffToken'],
];

describe('OpenAPI document of scanned material pages', () => {
  it('covers every upload and window route with its security, summary and error answers', async () => {
    const doc = (await http(central.baseUrl).get('/openapi.json', null)).json;
    for (const [method, path, scheme] of routes) {
      const op = doc.paths[path]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      expect(op.summary, `${method} ${path} summary`).toBeTruthy();
      expect(op.security, `${method} ${path} security`).toEqual([{ [scheme]: [] }]);
      expect(op.responses['401'], `${method} ${path} 401`).toBeDefined();
      expect(op.responses['403'], `${method} ${path} 403`).toBeDefined();
    }
    const chunk = doc.paths['/v1/kiosks/material-scans/uploads/{uploadId}/chunks'].put;
    expect(Object.keys(chunk.responses)).toEqual(expect.arrayContaining(['200', '409', '413', '422']));
    expect(chunk.requestBody.content['application/json'].schema.properties.offset).toBeDefined();
    const page = doc.paths['/v1/staff/cases/{caseId}/material-scans/{uploadId}'].get;
    expect(Object.keys(page.responses['200'].content)).toContain('image/jpeg');
  });
});
