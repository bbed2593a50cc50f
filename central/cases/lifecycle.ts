import type { StaffRole } from '../staff/contract';
import type { CaseAction, CaseStatus } from './contract';

export interface Transition {
  from: readonly CaseStatus[];
  to: CaseStatus;
  /** Staff roles allowed; the citizen may only withdraw (from the kiosk, with their card). */
  roles: readonly StaffRole[];
  noteRequired: boolean;
}

/** Statuses after which nothing more happens to a case. */
export const TERMINAL_STATUSES: readonly CaseStatus[] = [
  'pre-review-returned',
  'not-accepted',
  'handed-out',
  'withdrawn',
  'terminated',
];

const OPEN_BEFORE_DECISION: readonly CaseStatus[] = [
  'submitted',
  'pre-review-passed',
  'accepted',
  'needs-correction',
  'routed',
];

/**
 * The case lifecycle (一窗收件、按责转办、一窗出件): window staff pre-review and take in, the case
 * is routed to the responsible department automatically, the department's approver decides, the
 * window hands out the result. Each transition is one timeline entry and one live event.
 */
export const transitions: Record<CaseAction, Transition> = {
  'pre-review-pass': {
    from: ['submitted'],
    to: 'pre-review-passed',
    roles: ['window', 'manager'],
    noteRequired: false,
  },
  'pre-review-return': {
    from: ['submitted'],
    to: 'pre-review-returned',
    roles: ['window', 'manager'],
    noteRequired: true,
  },
  'take-in': {
    from: ['pre-review-passed', 'needs-correction'],
    to: 'accepted',
    roles: ['window', 'manager'],
    noteRequired: false,
  },
  'request-correction': {
    from: ['pre-review-passed', 'accepted', 'routed'],
    to: 'needs-correction',
    roles: ['window', 'approver', 'manager'],
    noteRequired: true,
  },
  'not-accept': {
    from: ['pre-review-passed', 'needs-correction'],
    to: 'not-accepted',
    roles: ['window', 'manager'],
    noteRequired: true,
  },
  route: { from: ['accepted', 'routed'], to: 'routed', roles: ['window', 'manager'], noteRequired: false },
  approve: { from: ['routed'], to: 'approved', roles: ['approver', 'manager'], noteRequired: false },
  reject: { from: ['routed'], to: 'rejected', roles: ['approver', 'manager'], noteRequired: true },
  'mark-ready': {
    from: ['approved', 'rejected'],
    to: 'ready-for-pickup',
    roles: ['window', 'manager'],
    noteRequired: false,
  },
  'hand-out': {
    from: ['ready-for-pickup'],
    to: 'handed-out',
    roles: ['window', 'manager'],
    noteRequired: false,
  },
  withdraw: {
    from: [...OPEN_BEFORE_DECISION],
    to: 'withdrawn',
    roles: ['window', 'manager'],
    noteRequired: false,
  },
  terminate: {
    from: [...OPEN_BEFORE_DECISION, 'approved', 'rejected', 'ready-for-pickup'],
    to: 'terminated',
    roles: ['manager'],
    noteRequired: true,
  },
};

/** Actions that act on the department's own decision: an approver may only take them for cases routed to it. */
export const DEPARTMENT_ACTIONS: readonly CaseAction[] = ['approve', 'reject', 'request-correction'];
