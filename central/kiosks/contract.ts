/** Wire contract of kiosk enrolment, heartbeat, remote configuration and the fleet. zod only. */
import { z } from 'zod';

const terminalId = z.string().regex(/^[A-Za-z0-9-]{3,40}$/);
export const enrolmentCodeSchema = z
  .string()
  .regex(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/)
  .describe('One-time code, e.g. "7KQ2-M9XD-4HTP"');

export const createEnrolmentCodeRequestSchema = z.strictObject({
  terminalId,
  hallId: z.string().min(1).max(64),
});
export const enrolmentCodeResponseSchema = z.object({
  code: enrolmentCodeSchema,
  terminalId: z.string(),
  hallId: z.string(),
  expiresAt: z.string(),
});

export const enrolRequestSchema = z.strictObject({ terminalId, code: enrolmentCodeSchema });
export const enrolResponseSchema = z.object({
  terminalId: z.string(),
  hallId: z.string(),
  /** Bearer token of this kiosk from now on. Shown once; the central keeps only its digest. */
  deviceToken: z.string(),
  /** Key of the citizen reference digest, when the central is configured with one. */
  citizenRefKey: z.string().optional(),
});

export const deviceHealthSchema = z.strictObject({
  state: z
    .string()
    .regex(/^[a-z-]{1,32}$/)
    .describe('e.g. ready, paper-out, disconnected'),
  detail: z.string().max(200).optional(),
});

export const heartbeatRequestSchema = z.strictObject({
  terminalId,
  hallId: z.string().min(1).max(64),
  devices: z
    .record(z.string().regex(/^[A-Za-z0-9-]{1,32}$/), deviceHealthSchema)
    .refine((d) => Object.keys(d).length <= 16, 'at most 16 devices'),
  outboxDepth: z.number().int().min(0).max(10_000_000),
  oldestOutboxAgeSeconds: z.number().int().min(0).optional(),
  /** Seconds since the kiosk backend started: a kiosk that keeps restarting shows here. */
  uptimeSeconds: z.number().int().min(0).optional(),
  versions: z.strictObject({
    app: z.string().min(1).max(32),
    /** Remote configuration version the kiosk has applied (0: none yet). */
    config: z.number().int().min(0),
    catalogue: z.number().int().min(0).optional(),
  }),
});
export const heartbeatResponseSchema = z.object({
  serverTime: z.string(),
  config: z.object({ latestVersion: z.number().int().min(0), changed: z.boolean() }),
});

export const kioskConfigParamsSchema = z.object({ terminalId });
export const kioskConfigResponseSchema = z.object({
  terminalId: z.string(),
  /** 0 when nothing has been configured remotely. */
  version: z.number().int().min(0),
  /** Fleet-wide settings overlaid with this terminal's own. */
  config: z.record(z.string(), z.unknown()),
});

export const putKioskConfigRequestSchema = z.strictObject({
  /** Omit for every kiosk; name one terminal for its overrides. */
  terminalId: terminalId.optional(),
  config: z.record(z.string().max(64), z.unknown()),
});
export const putKioskConfigResponseSchema = z.object({
  version: z.number().int().min(1),
  terminalId: z.string().nullable(),
});

export const fleetKioskSchema = z.object({
  terminalId: z.string(),
  hallId: z.string(),
  enrolledAt: z.string(),
  lastSeenAt: z.string().nullable(),
  online: z.boolean(),
  devices: z.record(z.string(), deviceHealthSchema).nullable(),
  outboxDepth: z.number().int().nullable(),
  uptimeSeconds: z.number().int().nullable(),
  versions: z
    .object({ app: z.string(), config: z.number().int(), catalogue: z.number().int().optional() })
    .nullable(),
  latestConfigVersion: z.number().int(),
});
export const fleetQuerySchema = z.object({ hallId: z.string().min(1).max(64).optional() });
export const fleetResponseSchema = z.object({ kiosks: z.array(fleetKioskSchema) });

export const kioskErrorCodes = ['invalid-enrolment-code', 'unknown-terminal', 'config-too-large'] as const;

export type HeartbeatRequest = z.infer<typeof heartbeatRequestSchema>;
export type FleetKiosk = z.infer<typeof fleetKioskSchema>;
