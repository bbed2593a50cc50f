/** Staff side of the central API (window staff, department approvers, managers). zod only. */
import { z } from 'zod';

export const staffRoleSchema = z.enum(['window', 'approver', 'manager']);

export const staffMeResponseSchema = z.object({
  staffId: z.string(),
  displayName: z.string(),
  role: staffRoleSchema,
  departmentId: z.string().nullable(),
  hallId: z.string().nullable().describe('The first of hallIds, or null'),
  hallIds: z.array(z.string()).describe('Halls this member acts in (none for approvers)'),
  everyHall: z.boolean().describe('A city-level manager: every hall'),
});

export type StaffRole = z.infer<typeof staffRoleSchema>;
export type StaffMeResponse = z.infer<typeof staffMeResponseSchema>;
