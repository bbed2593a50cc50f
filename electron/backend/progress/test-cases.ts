// Case views as the central answers them, for the progress tests (not a test file itself).
import type { CaseTimelineEntry, CaseView } from '../../../central/cases/contract';

type Step = Pick<CaseTimelineEntry, 'action' | 'fromStatus' | 'toStatus' | 'actorKind'> &
  Partial<CaseTimelineEntry>;

/** A timeline from steps, one minute apart from 2026-11-25 09:00 hall time. */
export function timeline(steps: Step[]): CaseTimelineEntry[] {
  return steps.map((s, i) => ({
    departmentId: null,
    note: null,
    at: new Date(Date.UTC(2026, 10, 25, 1, i)).toISOString(),
    ...s,
  }));
}

const SUBMIT: Step = { action: 'submit', fromStatus: null, toStatus: 'submitted', actorKind: 'citizen' };

/** The ordinary path up to a decision (一窗收件 → 按责转办 → 审批), as the central records it. */
export const TO_APPROVED: Step[] = [
  SUBMIT,
  {
    action: 'pre-review-pass',
    fromStatus: 'submitted',
    toStatus: 'pre-review-passed',
    actorKind: 'staff',
    actorId: 'W001',
  },
  {
    action: 'take-in',
    fromStatus: 'pre-review-passed',
    toStatus: 'accepted',
    actorKind: 'staff',
    actorId: 'W001',
  },
  {
    action: 'auto-route',
    fromStatus: 'accepted',
    toStatus: 'routed',
    actorKind: 'system',
    departmentId: '330100-GT',
  },
  {
    action: 'approve',
    fromStatus: 'routed',
    toStatus: 'approved',
    actorKind: 'staff',
    actorId: 'A001',
    note: '材料齐全，准予登记',
  },
];

/** The ordinary path up to routing to the department (TO_APPROVED without the approval), then `steps`. */
export function routedThen(...steps: Step[]): CaseTimelineEntry[] {
  return timeline([...TO_APPROVED.slice(0, 4), ...steps]);
}

/** A staff step taken while the case is routed to a department (a decision, a correction, a re-route). */
export function fromRouted(
  action: CaseTimelineEntry['action'],
  toStatus: CaseTimelineEntry['toStatus'],
  more: Partial<CaseTimelineEntry> = {},
): Step {
  return { action, fromStatus: 'routed', toStatus, actorKind: 'staff', ...more };
}

export function caseView(overrides: Partial<CaseView> = {}): CaseView {
  const steps = overrides.timeline ?? timeline([SUBMIT]);
  return {
    caseId: 'case-0001',
    caseNumber: 'BJ20261125000001',
    itemCode: 'QR01001001',
    implementingCode: 'QR01001001-1-330100000000',
    itemName: { zh: '二手房转移登记', en: 'Transfer registration of a resold home' },
    hallId: 'HALL-CITY-01',
    terminalId: 'KIOSK-01',
    departmentId: '330100-GT',
    status: steps.at(-1)!.toStatus,
    applicantMaskedName: '张**',
    delivery: 'window',
    pickup: null,
    feeFen: 0,
    feePaid: false,
    promisedDays: 5,
    dueDate: null,
    submittedAt: steps[0]!.at,
    updatedAt: steps.at(-1)!.at,
    materials: [],
    ...overrides,
    timeline: steps,
  };
}

export const DEPARTMENTS = {
  '330100-GT': { zh: '市规划和自然资源局', en: 'Planning and Natural Resources Bureau' },
  '330100-MZ': { zh: '市民政局', en: 'Civil Affairs Bureau' },
} as const;

export const departmentName = (id: string) => DEPARTMENTS[id as keyof typeof DEPARTMENTS] ?? null;
