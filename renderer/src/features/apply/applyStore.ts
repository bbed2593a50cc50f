/**
 * Where the citizen is in the apply journey and what they chose and typed so far. One
 * step per screen; going back keeps every answer. The phone number typed here is personal: it
 * lives only in this store, in memory, and is wiped with the session (`sessionEpoch`).
 */
import type { z } from 'zod';
import { create } from 'zustand';
import type {
  ApplicationReceipt,
  ApplyDelivery,
  ApplyDraft,
  ApplyOffer,
  ApplySubmitRequest,
} from '../../../../electron/backend/apply/contract';
import type { guideSearchResponseSchema } from '../../../../electron/backend/guide/contract';
import type { ApiError } from '../../api/client';
import { useKioskStore } from '../../state/kioskStore';
import { currentSession, onNewSession } from '../../state/session-epoch';
import { postToRequest } from './postTo';

/**
 * The commitments' signature as the backend took it: the time it was bound to, the wording's
 * version, the commitments it covers, and the image to show again (personal: in memory, for the
 * session only). Any change to what is promised drops it: the wording signed would differ.
 */
export interface TakenSignature {
  signedAt: string;
  version: string;
  materials: string[];
  dataUrl: string;
}

export type ApplyStep = 'choose' | 'form' | 'materials' | 'commitments' | 'pickup' | 'review' | 'receipt';
export type ChooseTab = 'events' | 'items' | 'search';
/** Results with the query they answer (the screen marks which one it shows). */
export type SearchResults = Omit<z.infer<typeof guideSearchResponseSchema>, 'ok'> & { query: string };

export interface ApplyState {
  step: ApplyStep;
  offer: ApplyOffer | null;
  tab: ChooseTab;
  query: string;
  /** Guide search results, kept to what can be applied for here. */
  results: SearchResults | null;
  draft: ApplyDraft | null;
  phone: string;
  conditionsConfirmed: string[];
  commitmentsSigned: string[];
  paperInstead: string[];
  signature: TakenSignature | null;
  delivery: ApplyDelivery | null;
  addressDetail: string;
  receipt: ApplicationReceipt | null;
  busy: boolean;
  error: ApiError | null;
  epoch: number;
}

export const fresh = (epoch: number): ApplyState => ({
  step: 'choose',
  offer: null,
  tab: 'events',
  query: '',
  results: null,
  draft: null,
  phone: '',
  conditionsConfirmed: [],
  commitmentsSigned: [],
  paperInstead: [],
  signature: null,
  delivery: null,
  addressDetail: '',
  receipt: null,
  busy: false,
  error: null,
  epoch,
});

export const useApplyStore = create<ApplyState>()(() => fresh(0));

/** The steps of this application, in order (commitments only when there is one to sign). */
export function stepsOf(draft: ApplyDraft | null): ApplyStep[] {
  const hasCommitments = draft?.checklist.some((e) => e.status === 'commitment') ?? false;
  return [
    'choose',
    'form',
    'materials',
    ...(hasCommitments ? (['commitments'] as const) : []),
    'pickup',
    'review',
  ];
}

/** Opens the apply journey from the home screen, where the citizen left it if they come back. */
export function openApply(): void {
  const epoch = currentSession();
  if (useApplyStore.getState().epoch !== epoch || useApplyStore.getState().step === 'receipt') {
    useApplyStore.setState(fresh(epoch), true);
  }
  useKioskStore.setState({ screen: 'apply', error: null });
}

export function setTab(tab: ChooseTab): void {
  useApplyStore.setState({ tab, error: null });
}

export function goToStep(step: ApplyStep): void {
  useApplyStore.setState({ step, error: null });
}

/** One step forward or back in this application's steps; Back from the first step leaves the journey. */
export function move(direction: 1 | -1): 'left' | 'moved' {
  const s = useApplyStore.getState();
  const steps = stepsOf(s.draft);
  const i = steps.indexOf(s.step);
  const next = steps[i + direction];
  if (!next) return 'left';
  goToStep(next);
  return 'moved';
}

export function setPhone(phone: string): void {
  useApplyStore.setState({ phone: phone.replace(/\D/g, '').slice(0, 11) });
}

function toggle(list: string[], value: string, on: boolean): string[] {
  return on ? [...new Set([...list, value])] : list.filter((v) => v !== value);
}

export function confirmCondition(id: string, on: boolean): void {
  useApplyStore.setState((s) => ({ conditionsConfirmed: toggle(s.conditionsConfirmed, id, on) }));
}

/** The signature was taken: it promises every commitment it covers. */
export function acceptSignature(signature: TakenSignature): void {
  useApplyStore.setState({ signature, commitmentsSigned: signature.materials, error: null });
}

/** Signing again: the signature and the promises it made are dropped. */
export function clearSignature(): void {
  useApplyStore.setState({ signature: null, commitmentsSigned: [] });
}

/**
 * The citizen hands this document in on paper rather than signing its commitment (or back). A
 * signature already drawn no longer matches what is promised, so it is asked for again.
 */
export function choosePaperInstead(code: string, on: boolean): void {
  useApplyStore.setState((s) => ({
    paperInstead: toggle(s.paperInstead, code, on),
    ...(s.signature ? { signature: null, commitmentsSigned: [] } : {}),
  }));
}

export function setDelivery(delivery: ApplyDelivery): void {
  useApplyStore.setState({ delivery, error: null });
}

export function setAddressDetail(detail: string): void {
  useApplyStore.setState({ addressDetail: detail.slice(0, 30) });
}

export const validPhone = (phone: string) => /^1\d{10}$/.test(phone);

/** The request as the citizen filled it in. */
export function submission(s: ApplyState): ApplySubmitRequest | null {
  if (!s.draft || !s.delivery) return null;
  return {
    selection: s.draft.selection,
    ...(s.phone ? { phone: s.phone } : {}),
    conditionsConfirmed: s.conditionsConfirmed,
    commitmentsSigned: s.commitmentsSigned,
    paperInstead: s.paperInstead,
    delivery: s.delivery,
    ...(s.delivery === 'post' && s.addressDetail ? { addressDetail: s.addressDetail } : {}),
    ...postToRequest(s.delivery),
  };
}

// Every wipe of the kiosk store (card out, finish, idle) wipes the application too.
onNewSession((epoch) => useApplyStore.setState(fresh(epoch), true));
