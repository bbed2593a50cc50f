/** Staff side of the central API (window staff, department approvers, managers). zod only. */
import { z } from 'zod';

export const staffRoleSchema = z.enum(['window', 'approver', 'manager']);

export const staffMeResponseSchema = z.object({
  staffId: z.string(),
  displayName: z.string(),
  role: staffRoleSchema,
  departmentId: z.string().nullable(),
  hallId: z.string().nullable(),
});

export type StaffRole = z.infer<typeof staffRoleSchema>;
export type StaffMeResponse = z.infer<typeof staffMeResponseSchema>;
