import { errorResponseSchema } from '../contract';
import { DEVICE_TOKEN_SCHEME } from './auth';

/** OpenAPI security of the routes a device token opens. */
export const deviceSecurity: Record<string, string[]>[] = [{ [DEVICE_TOKEN_SCHEME]: [] }];

/** The error answers the counter-side slices (appointments, payments, evaluations) document. */
export const errorResponses = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
  422: errorResponseSchema,
};
