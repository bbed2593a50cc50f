/** Version of the central API reported by /v1/health and the OpenAPI document. */
export const CENTRAL_API_VERSION = '0.1.0';
