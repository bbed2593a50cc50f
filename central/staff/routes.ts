import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  type CaseAction,
  caseActionRequestSchema,
  caseActions,
  caseParamsSchema,
  caseResponseSchema,
  listStaffCasesQuerySchema,
  listStaffCasesResponseSchema,
  staffCaseResponseSchema,
} from '../cases/contract';
import { DEPARTMENT_ACTIONS, transitions } from '../cases/lifecycle';
import { transitionResult } from '../cases/routes';
import { errorResponseSchema } from '../contract';
import type { CentralContext } from '../context';
import { ApiError } from '../http/errors';
import { identify, requireStaff, staffSecurity } from './auth';
import { staffMeResponseSchema } from './contract';
import type { StaffMember } from './store';

const tags = ['staff'];
const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema };

const actionSummaries: Record<CaseAction, string> = {
  'pre-review-pass': 'Pre-review passed (预审通过): the case awaits intake at the window',
  'pre-review-return': 'Pre-review returned (预审退回) with a reason',
  'take-in': 'Take the case in (受理); it is routed to the responsible department automatically',
  'request-correction': 'Ask the applicant for corrections (待补正) with what is missing',
  'not-accept': 'Refuse to accept (不予受理) with a reason',
  route: 'Route (转办) to the responsible department, or re-route to another',
  approve: 'Approve (审批通过); approvers only for their own department',
  reject: 'Reject (不予许可) with a reason; approvers only for their own department',
  'mark-ready': 'Result ready for pickup (出件) at the window, by post or at a self-service locker',
  'hand-out': 'Result handed out (办结)',
  withdraw: 'Withdraw the case at the applicant’s request',
  terminate: 'Abnormal termination (manager) with a reason',
};

/**
 * A staff member's reach: window staff and managers act on the cases of their halls (a city-level
 * manager: every hall); approvers on cases routed to their department, wherever submitted.
 */
export function assertReach(
  member: StaffMember,
  found: { hallId: string; departmentId: string },
  action?: CaseAction,
) {
  if (member.role !== 'approver' && !member.everyHall && !member.hallIds.includes(found.hallId)) {
    throw new ApiError(403, 'forbidden', 'This case belongs to another hall');
  }
  if (member.role === 'approver') {
    if (found.departmentId !== member.departmentId) {
      throw new ApiError(403, 'forbidden', 'This case is routed to another department');
    }
    if (action && !DEPARTMENT_ACTIONS.includes(action)) {
      throw new ApiError(403, 'forbidden', `Approvers cannot ${action}`);
    }
  }
}

/** Staff side: who am I, case lists and details (applicant record opened), lifecycle actions. */
export const staffRoutes: FastifyPluginAsyncZod<{ ctx: CentralContext }> = async (app, { ctx }) => {
  const { cases } = ctx;
  app.addHook('onRequest', identify(ctx));

  app.get(
    '/v1/staff/me',
    {
      schema: {
        summary: 'The staff member of this token',
        tags,
        security: staffSecurity,
        response: { 200: staffMeResponseSchema, ...errors },
      },
    },
    async (request) => requireStaff(request, 'window', 'approver', 'manager'),
  );

  app.get(
    '/v1/staff/cases',
    {
      schema: {
        summary: 'Cases within the staff member’s reach, newest first (approvers: their department)',
        description:
          'Window staff and managers see the cases of the halls of their staff record (every hall for a ' +
          'city-level manager); naming another hall is 403. Approvers see their department’s cases.',
        tags,
        security: staffSecurity,
        querystring: listStaffCasesQuerySchema,
        response: { 200: listStaffCasesResponseSchema, ...errors },
      },
    },
    async (request) => {
      const member = requireStaff(request, 'window', 'approver', 'manager');
      const q = request.query;
      if (member.role === 'approver') {
        return { cases: cases.list({ ...q, departmentId: member.departmentId! }) };
      }
      if (q.hallId !== undefined && !member.everyHall && !member.hallIds.includes(q.hallId)) {
        throw new ApiError(403, 'forbidden', 'This hall is outside your reach');
      }
      return { cases: cases.list({ ...q, ...(member.everyHall ? {} : { hallIds: member.hallIds }) }) };
    },
  );

  app.get(
    '/v1/staff/cases/:caseId',
    {
      schema: {
        summary: 'One case with its timeline and the opened applicant record',
        tags,
        security: staffSecurity,
        params: caseParamsSchema,
        response: { 200: staffCaseResponseSchema, ...errors, 404: errorResponseSchema },
      },
    },
    async (request) => {
      const member = requireStaff(request, 'window', 'approver', 'manager');
      const found = cases.find(request.params.caseId);
      if (!found) throw new ApiError(404, 'unknown-case', 'No such case');
      assertReach(member, found);
      return {
        case: cases.view(request.params.caseId, true)!,
        applicant: cases.applicant(request.params.caseId)!,
      };
    },
  );

  for (const action of caseActions) {
    const t = transitions[action];
    app.post(
      `/v1/staff/cases/:caseId/${action}`,
      {
        schema: {
          summary: actionSummaries[action],
          description: `From ${t.from.join(', ')} to ${t.to}. Roles: ${t.roles.join(', ')}.${t.noteRequired ? ' A note is required.' : ''}`,
          tags,
          security: staffSecurity,
          params: caseParamsSchema,
          body: caseActionRequestSchema.nullish(),
          response: {
            200: caseResponseSchema,
            ...errors,
            404: errorResponseSchema,
            409: errorResponseSchema,
            422: errorResponseSchema,
          },
        },
      },
      async (request) => {
        const member = requireStaff(request, ...t.roles);
        const body = request.body ?? {};
        const found = cases.find(request.params.caseId);
        if (!found) throw new ApiError(404, 'unknown-case', 'No such case');
        assertReach(member, found, action);
        if (t.noteRequired && !body.note)
          throw new ApiError(400, 'note-required', `A note is required to ${action}`);
        if (action === 'route' && body.departmentId && !ctx.catalogue.department(body.departmentId)) {
          throw new ApiError(422, 'unknown-department', `No department ${body.departmentId}`);
        }
        const outcome = cases.transition(
          request.params.caseId,
          action,
          { kind: 'staff', staffId: member.staffId },
          {
            ...(body.note ? { note: body.note } : {}),
            ...(action === 'route' && body.departmentId ? { departmentId: body.departmentId } : {}),
            ...(action === 'mark-ready' && body.pickup ? { pickup: body.pickup } : {}),
          },
        );
        return transitionResult(outcome, action);
      },
    );
  }
};
