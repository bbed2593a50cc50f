/**
 * The apply journey's requests: the offer, the guide search, the draft, the submission
 * and the receipt. Apart from the store so the home screen's bundle carries none of this.
 */
import type { ApplySelection } from '../../../../electron/backend/apply/contract';
import { requestRunner } from '../../state/run-request';
import { whileSameSession } from '../../state/session-epoch';
import { guideApi } from '../guide/guideApi';
import { applyApi } from './applyApi';
import { acceptSignature, clearSignature, submission, useApplyStore } from './applyStore';

const run = requestRunner((status) => useApplyStore.setState(status));

export function loadOffer(): Promise<void> {
  return run(applyApi.offer, ({ ok: _ok, ...offer }) => useApplyStore.setState({ offer }));
}

let searchSeq = 0;
/** Typing on the keyboard searches the guide; only what can be applied for here is listed. */
export function typeQuery(query: string): void {
  useApplyStore.setState({ query });
  const seq = ++searchSeq;
  if (query.trim().length === 0) {
    useApplyStore.setState({ results: null });
    return;
  }
  void run(
    () => guideApi.search(query),
    ({ bundles, items }) => {
      if (seq !== searchSeq) return;
      const offer = useApplyStore.getState().offer;
      const bundleCodes = new Set(offer?.bundles.map((b) => b.bundleCode));
      const itemCodes = new Set(offer?.items.map((i) => i.itemCode));
      useApplyStore.setState({
        results: {
          query,
          bundles: bundles.filter((b) => bundleCodes.has(b.bundleCode)),
          items: items.filter((i) => itemCodes.has(i.itemCode)),
        },
      });
    },
  );
}

const sameSelection = (a: ApplySelection, b: ApplySelection) =>
  a.kind === 'item'
    ? b.kind === 'item' && a.itemCode === b.itemCode
    : b.kind === 'bundle' && a.bundleCode === b.bundleCode;

/** Picks an item or a bundle: its form and checklist come from the backend (e-certificates looked up). */
export function choose(selection: ApplySelection): Promise<void> {
  const current = useApplyStore.getState().draft;
  // The same choice again (after Back): keep what was already answered.
  if (current && sameSelection(current.selection, selection)) {
    useApplyStore.setState({ step: 'form', error: null });
    return Promise.resolve();
  }
  return run(
    () => applyApi.draft(selection),
    ({ draft }) =>
      useApplyStore.setState({
        draft,
        step: 'form',
        conditionsConfirmed: [],
        commitmentsSigned: [],
        paperInstead: [],
        signature: null,
        delivery: null,
        addressDetail: '',
      }),
  );
}

/**
 * The drawn signature (the pad has already refused a blank one or a dot) goes to the backend, which
 * checks it again, binds it to the commitments still promised and the wording's version, and
 * stamps the time.
 */
export function signCommitments(dataUrl: string): Promise<void> {
  const s = useApplyStore.getState();
  const draft = s.draft;
  if (!draft) return Promise.resolve();
  const materials = draft.checklist
    .filter((e) => e.status === 'commitment' && !s.paperInstead.includes(e.code))
    .map((e) => e.code);
  if (materials.length === 0) return Promise.resolve();
  return run(
    () =>
      applyApi.sign({
        selection: draft.selection,
        materials,
        version: draft.commitmentVersion,
        imagePng: dataUrl.replace(/^data:image\/png;base64,/, ''),
      }),
    ({ signedAt, version }) => acceptSignature({ signedAt, version, materials, dataUrl }),
  );
}

export async function submit(): Promise<void> {
  const req = submission(useApplyStore.getState());
  if (!req) return;
  await run(
    () => applyApi.submit(req),
    ({ receipt }) => useApplyStore.setState({ receipt, step: 'receipt' }),
  );
  // The backend holds no signature for this (it restarted, or the wording has a new version):
  // the one on screen is dropped, so the commitments step asks for it again.
  const reason = useApplyStore.getState().error?.reason;
  if (reason === 'signature-missing' || reason === 'commitment-changed') clearSignature();
}

/** Asks again how the receipt stands (a case number may have arrived); quiet: no spinner, no error. */
export async function refreshReceipt(): Promise<void> {
  const receipt = useApplyStore.getState().receipt;
  if (!receipt) return;
  await whileSameSession(
    () => applyApi.receipt(receipt.localRef),
    (r) => {
      if (r.ok) useApplyStore.setState({ receipt: r.value.receipt });
    },
  );
}
