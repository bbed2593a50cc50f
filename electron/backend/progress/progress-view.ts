import type { CaseView } from '../../../central/cases/contract';
import type { CaseStatus, CaseTimelineAction } from '../../../domain/case-status';
import { TERMINAL_STATUSES } from '../../../central/cases/lifecycle';
import type { LocalizedText } from '../api/contract';
import type { ProgressActor, ProgressCase, ProgressOutcome, ProgressTimelineEntry } from './contract';

/** 办结 with a decision: the statuses of a case whose result notice may be printed. */
export const NOTICE_STATUSES: ReadonlySet<CaseStatus> = new Set([
  'approved',
  'rejected',
  'ready-for-pickup',
  'handed-out',
]);

/**
 * Steps whose staff note is the citizen's business (what to correct, why not accepted or rejected).
 * Notes on other steps are between staff (routing remarks) and stay off the kiosk.
 */
const NOTE_FOR_CITIZEN: ReadonlySet<CaseTimelineAction> = new Set([
  'pre-review-return',
  'request-correction',
  'not-accept',
  'reject',
  'terminate',
]);

/** Nothing more will happen to a case in this status. */
export function isClosed(status: CaseStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** Department names by id; null when the catalogue could not be had. */
export type DepartmentName = (departmentId: string) => LocalizedText | null;

function actorOf(
  action: CaseTimelineAction,
  actorKind: 'citizen' | 'staff' | 'system',
  fromStatus: CaseStatus | null,
): ProgressActor {
  if (actorKind === 'citizen') return 'citizen';
  if (action === 'auto-route') return 'system';
  if (actorKind === 'system') return 'system';
  if (action === 'approve' || action === 'reject') return 'department';
  // A correction asked for after routing is the department's; before it, the window's (pre-review).
  if (action === 'request-correction' && fromStatus === 'routed') return 'department';
  return 'window';
}

/** The decision in a timeline (the latest approve or reject), or null. */
export function outcomeOf(view: Pick<CaseView, 'timeline'>): ProgressOutcome | null {
  for (let i = view.timeline.length - 1; i >= 0; i--) {
    const action = view.timeline[i]!.action;
    if (action === 'approve') return 'approved';
    if (action === 'reject') return 'rejected';
  }
  return null;
}

/**
 * The central's case as the citizen sees it at the kiosk: status and steps as codes the screen
 * puts into plain words, departments by name, no staff ids, staff notes only where they tell the
 * citizen what to do or why. The timeline is newest first (the case's current step on top).
 */
export function toProgressCase(view: CaseView, departmentName: DepartmentName): ProgressCase {
  // Walk oldest first so each decision is credited to the department the case was routed to then.
  let department: string | null = view.departmentId;
  const oldestFirst: ProgressTimelineEntry[] = view.timeline.map((e) => {
    const actor = actorOf(e.action, e.actorKind, e.fromStatus);
    if (e.departmentId !== null) department = e.departmentId;
    const involved =
      actor === 'department' || e.action === 'route' || e.action === 'auto-route' ? department : null;
    return {
      action: e.action,
      status: e.toStatus,
      at: e.at,
      actor,
      department: involved === null ? null : departmentName(involved),
      note: NOTE_FOR_CITIZEN.has(e.action) ? e.note : null,
    };
  });
  const outcome = outcomeOf(view);
  return {
    kind: 'case',
    caseId: view.caseId,
    caseNumber: view.caseNumber,
    itemCode: view.itemCode,
    itemName: view.itemName,
    status: view.status,
    outcome,
    noticeAvailable: NOTICE_STATUSES.has(view.status) && outcome !== null,
    closed: isClosed(view.status),
    department: departmentName(view.departmentId),
    dueDate: view.dueDate,
    delivery: view.delivery,
    pickup: view.pickup,
    fee: { amountFen: view.feeFen, paid: view.feePaid },
    submittedAt: view.submittedAt,
    updatedAt: view.updatedAt,
    timeline: oldestFirst.reverse(),
  };
}

/** Newest first by submission time (the central answers newest first too; this makes it certain). */
export function newestFirst<T extends { submittedAt: string }>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => Date.parse(b.submittedAt) - Date.parse(a.submittedAt));
}
