import { applicantSchema, type Applicant } from '../../../central/cases/contract';
import type { Clock, TimerHandle } from '../../../domain/clock';
import { ageOn, validateIdNumber } from '../../../domain/id-number';
import { hallDate } from '../../../domain/hall-time';
import { maskAddress, maskIdNumber, maskName } from '../../../domain/masking';
import type { ServiceItem } from '../../../central/catalogue/contract';
import { PICKUP_NEEDS } from './contract';
import type {
  ApplicationReceipt,
  ApplyDraft,
  ApplyOffer,
  ApplyReason,
  ApplySelection,
  ApplySignRequest,
  ApplySubmitRequest,
  ChecklistEntry,
} from './contract';
import type { ErrorCode } from '../api/contract';
import type { ServiceResult } from '../api/replies';
import type { KioskDevices } from '../devices/kiosk-devices';
import { catalogueText, type CachedCatalogue, type ServiceGuide } from '../guide/service';
import type { KioskLogger } from '../logging/logger';
import {
  confirmCardFor,
  type CardApplicant,
  type CardCheck,
  type IdentitySource,
} from '../session/citizen-session';
import { storeWrite, StoreUnavailableError } from '../store/database';
import type { CentralOutcome } from '../central-connection/connection';
import type { OutboxDelivery } from '../store/outbox-delivery';
import type { LocalApplicationCase, LocalApplications } from './store';
import { applicationForm } from './application-form';
import { checkConditions, toConfirm, unmetConditions, type CardFacts } from './eligibility';
import { buildChecklist, caseMaterials, commitmentsToSign, mergeMaterials } from './checklist';
import type { CentralApplyClient } from './central';
import type { MaterialCapture } from './material-capture';
import { COMMITMENT_VERSION, commitmentText } from './commitment';
import { SessionSignature, storedSignatureImage } from './signature';
import { documentRefsOf, withScannedMaterials } from '../material-scans/case-link';
import type { MaterialScanService } from '../material-scans/service';
import { receiptDocument } from './paper';
import { appliable, appliableBundle, resolveSelection, type Selected } from './selection';
import { PRINTER_ERROR } from '../devices/printer-errors';
import type { PaperWording } from '../devices/paper-wording';

/**
 * How long a submission waits for the central's acknowledgement while online, so the receipt can
 * carry the case number. Beyond it the citizen is better served by the kiosk reference now (the
 * number follows) than by a longer wait at the screen; the request itself may take up to the
 * client's own timeout in the background.
 */
export const ACK_WAIT_MS = 6_000;

export type ApplyResult<T> = ServiceResult<T, ApplyReason>;

const fail = (code: ErrorCode, reason?: ApplyReason, detail?: string): ApplyResult<never> => ({
  ok: false,
  code,
  ...(reason ? { reason } : {}),
  ...(detail ? { detail } : {}),
});

/** What the journey needs of the citizen session (the card's fields only when a card is read). */
export interface ApplySession {
  readonly active: boolean;
  readonly source: IdentitySource | undefined;
  citizenRef(): string | undefined;
  cardApplicant(): CardApplicant | undefined;
  /** Re-reads the card on the reader: an application is made in the card's name only while it lies there. */
  confirmCard(): Promise<CardCheck>;
}

export interface ApplyDeps {
  clock: Clock;
  logger: KioskLogger;
  session: ApplySession;
  /** The service guide's catalogue copy (the same one the guide screens show). */
  guide: Pick<ServiceGuide, 'current' | 'status'>;
  applications: LocalApplications;
  delivery: Pick<OutboxDelivery, 'deliver' | 'syncStatus'>;
  devices: Pick<KioskDevices, 'print'>;
  central: Pick<CentralApplyClient, 'lookupECertificates'>;
  hall: { id: string; name: string; caseFollowUrl: string };
  /** How this kiosk's paper is worded (its configured languages); bilingual when not given. */
  paper?: PaperWording;
  terminalId: string;
  /** Capture sources for the materials still to be seen, asked in order. */
  captures: readonly MaterialCapture[];
  /** Names a postal address's region from the central's codes (the regions slice). */
  postalRegions?: { addressOf(regionCode: string): string | null };
  /** Pages kept with the document camera: a material with pages goes `via: 'upload'`, queued with its case. */
  scans?: Pick<MaterialScanService, 'documentRefFor' | 'attachWithin'>;
  /** Tells hall staff a citizen is left without their receipt (the printer's state, the case number if known). */
  staffAlert?(printerState: string, caseNumber: string | undefined): void;
}

/** What the receipt shows besides the store's rows; kept in memory for the session only. */
interface ReceiptMeta {
  title: { zh: string; en: string };
  bundleCode: string | null;
  maskedName: string;
  delivery: ApplicationReceipt['delivery'];
  submittedAt: string;
  paper: ApplicationReceipt['paper'];
  printed: boolean | null;
  printError?: ApplicationReceipt['printError'];
}

/**
 * 申请办事: the form from the item's definition prefilled from the card, the merged
 * checklist with e-certificates looked up, commitments signed on screen, pickup, and the
 * submission — one transaction per application (each case's row and sealed outbox row) — then the
 * receipt, printed only after the commit. Card only: an application is made in the card's name.
 */
export class ApplyJourney {
  /** E-certificates the central holds for the citizen on the reader, asked once per session. */
  private certificates: { citizenRef: string; held: Map<string, boolean> } | null = null;
  /** Applications submitted in this session: only these receipts may be shown again. */
  private receipts = new Map<string, ReceiptMeta>();
  /** The drawn signature of the commitments, between the commitments step and the submission. */
  private readonly signature = new SessionSignature();

  constructor(private readonly deps: ApplyDeps) {}

  /** The session ended: forget the certificates and the receipts. */
  reset(): void {
    this.certificates = null;
    this.receipts.clear();
    this.signature.clear();
  }

  offer(): ApplyResult<ApplyOffer> {
    const c = this.deps.guide.current();
    const status = this.deps.guide.status();
    if (!c || !status) return fail('central-unreachable', 'no-catalogue');
    const deptName = (item: ServiceItem) =>
      c.departments.find((d) => d.departmentId === item.departmentId)?.name ?? {
        zh: item.departmentName,
        en: item.departmentName,
      };
    return {
      ok: true,
      value: {
        catalogue: status,
        bundles: c.bundles
          .filter((b) => appliableBundle(c, b))
          .map((b) => ({
            bundleCode: b.bundleCode,
            name: b.name,
            description: catalogueText(b.description, b.descriptionEn),
            itemCount: b.items.length,
          })),
        items: c.items.filter(appliable).map((i) => ({
          itemCode: i.itemCode,
          name: i.name,
          departmentName: deptName(i),
          suspended: i.suspended,
        })),
      },
    };
  }

  async draft(selection: ApplySelection): Promise<ApplyResult<ApplyDraft>> {
    const ready = this.prepare(selection);
    if (!ready.ok) return ready;
    const { selected, card, citizenRef } = ready.value;
    const certificates = await this.lookUpCertificates(selected);
    const stillHere = await this.cardStillHere('apply-draft', citizenRef);
    if (stillHere) return stillHere;
    const checklist = this.checklist(selected, certificates, new Set());
    const form = applicationForm(selected, {
      maskedName: maskName(card.name),
      maskedIdNumber: maskIdNumber(card.idNumber),
    });
    const fields = form.fields;
    const conditions = checkConditions(form.conditions, this.cardFacts(card));
    const hasAddress = card.address.trim().length > 0;
    const feeOf = (i: ServiceItem) => i.fees.reduce((sum, f) => sum + f.amountFen, 0);
    this.deps.logger.info('apply.draft', {
      selection: selection.kind === 'item' ? selection.itemCode : selection.bundleCode,
      certificates: certificates === null ? 'unchecked' : 'checked',
    });
    return {
      ok: true,
      value: {
        selection,
        title: selected.title,
        items: selected.items.map((i) => ({
          itemCode: i.itemCode,
          name: i.name,
          departmentName: i.departmentName,
          promisedDays: i.promisedDays,
          feeFen: feeOf(i),
        })),
        promisedDays: selected.promisedDays,
        feeFen: selected.items.reduce((sum, i) => sum + feeOf(i), 0),
        fields,
        conditions,
        checklist: checklist.map((e) =>
          e.status === 'commitment' ? { ...e, commitmentText: commitmentText(e.name) } : e,
        ),
        commitmentVersion: COMMITMENT_VERSION,
        certificates:
          this.eCertificateCodes(selected).length === 0
            ? 'none-needed'
            : certificates === null
              ? 'unchecked'
              : 'checked',
        pickup: {
          options: hasAddress ? ['window', 'post', 'self-service'] : ['window', 'self-service'],
          maskedAddress: hasAddress ? maskAddress(card.address) : null,
        },
      },
    };
  }

  async submit(req: ApplySubmitRequest): Promise<ApplyResult<ApplicationReceipt>> {
    const ready = this.prepare(req.selection);
    if (!ready.ok) return ready;
    const { selected, card, citizenRef } = ready.value;
    const certificates = await this.lookUpCertificates(selected);
    const checklist = this.checklist(selected, certificates, new Set(req.paperInstead));

    const form = applicationForm(selected, { maskedName: '', maskedIdNumber: '' });
    // Checked here again, never taken from the screen: what the card shows outweighs any confirmation.
    const conditions = checkConditions(form.conditions, this.cardFacts(card));
    const unmet = unmetConditions(conditions);
    if (unmet.length > 0) {
      const facts = unmet.map((c) => (c.check === 'card-unmet' ? c.unmet.kind : ''));
      this.deps.logger.info('apply.not-eligible', { facts });
      return fail('bad-request', 'not-eligible', facts.join(','));
    }
    const confirmed = new Set(req.conditionsConfirmed);
    if (toConfirm(conditions).some((c) => !confirmed.has(c.id))) {
      return fail('bad-request', 'conditions-unconfirmed');
    }
    const signed = new Set(req.commitmentsSigned);
    if (commitmentsToSign(checklist).some((code) => !signed.has(code))) {
      return fail('bad-request', 'commitment-unsigned');
    }
    // The signature must cover exactly what is promised now: a commitment switched to paper after
    // signing, or one added, changes the wording signed.
    const toSign = commitmentsToSign(checklist);
    const signature =
      toSign.length === 0
        ? undefined
        : this.signature.covering(citizenRef, selectionKey(req.selection), toSign);
    if (toSign.length > 0 && !signature) return fail('bad-request', 'signature-missing');
    const needs = PICKUP_NEEDS[req.delivery];
    if (needs.includes('address') && !req.postTo && card.address.trim().length === 0) {
      return fail('bad-request', 'address-required');
    }
    // Another address: named from the central's region codes, never from what the screen says.
    const otherRegion =
      req.delivery === 'post' && req.postTo
        ? (this.deps.postalRegions?.addressOf(req.postTo.regionCode) ?? null)
        : undefined;
    if (otherRegion === null) return fail('bad-request', 'unknown-region');
    if (needs.includes('phone') && !req.phone) return fail('bad-request', 'phone-required');
    // Only what this application needs (PIPL): the address only when the result is posted.
    const parsed = applicantSchema.safeParse({
      name: card.name,
      idNumber: card.idNumber,
      ...(req.phone ? { phone: req.phone } : {}),
      ...(req.delivery === 'post'
        ? {
            postalAddress:
              otherRegion !== undefined && req.postTo
                ? `${otherRegion}${req.postTo.detail}`
                : `${card.address.trim()}${req.addressDetail ?? ''}`,
          }
        : {}),
      ...(req.delivery === 'post' && req.postTo?.recipientName
        ? { recipientName: req.postTo.recipientName }
        : {}),
    });
    if (!parsed.success) {
      // The message names the field, never the value.
      const issue = parsed.error.issues[0];
      return fail('bad-request', undefined, `applicant.${issue?.path.join('.')}: ${issue?.message}`);
    }
    const applicant: Applicant = parsed.data;

    // The application goes in the card's name: the card is re-read now, and nothing is awaited
    // between this and the commit below.
    const stillHere = await this.cardStillHere('apply-submit', citizenRef);
    if (stillHere) return stillHere;
    const now = this.deps.clock.now();
    let committed: ReturnType<LocalApplications['submit']>;
    /** Materials whose pages were scanned here: not on the receipt's list of paper to bring. */
    const uploaded = new Set<string>();
    try {
      const scans = this.deps.scans;
      const materialsOf = (item: ServiceItem) =>
        scans
          ? withScannedMaterials(caseMaterials(item, checklist), (code) => scans.documentRefFor(code))
          : caseMaterials(item, checklist);
      const cases = selected.items.map((item) => ({
        itemCode: item.itemCode,
        itemName: item.name,
        materials: materialsOf(item),
      }));
      const write = () =>
        this.deps.applications.submit(
          {
            hallId: this.deps.hall.id,
            terminalId: this.deps.terminalId,
            citizenRef,
            delivery: req.delivery,
            bundleCode: selected.bundle?.bundleCode ?? null,
            requestedAt: new Date(now).toISOString(),
            ...(signature ? { signature } : {}),
            cases,
          },
          applicant,
          now,
        );
      // The case and its scanned pages' uploads commit together.
      const refs = cases.flatMap((c) => documentRefsOf(c.materials));
      cases.forEach((c) => c.materials.forEach((m) => m.via === 'upload' && uploaded.add(m.code)));
      committed = storeWrite(() => (scans ? scans.attachWithin(refs, write) : write()));
    } catch (err) {
      if (!(err instanceof StoreUnavailableError)) throw err;
      this.deps.logger.error('store.unavailable', { detail: err.message });
      return fail('store-unavailable', undefined, err.code);
    }
    const { localRef } = committed;
    // Sealed into the outbox now: the copy in memory has served its purpose.
    this.signature.clear();
    const online = this.deps.delivery.syncStatus().online;
    this.deps.logger.info('apply.submitted', {
      localRef,
      cases: committed.cases.length,
      bundle: selected.bundle?.bundleCode ?? null,
      online,
    });
    this.receipts.set(localRef, {
      title: selected.title,
      bundleCode: selected.bundle?.bundleCode ?? null,
      maskedName: maskName(card.name),
      delivery: req.delivery,
      submittedAt: new Date(now).toISOString(),
      paper: checklist.flatMap((e) =>
        e.status === 'paper' && e.where && !uploaded.has(e.code)
          ? [{ code: e.code, name: e.name, where: e.where }]
          : [],
      ),
      printed: null,
    });

    const deliveries = Promise.all(committed.cases.map((c) => this.deps.delivery.deliver(c.outboxId)));
    // Offline the kiosk never blocks on the central: the tries run on in the background.
    if (online) await this.within(ACK_WAIT_MS, deliveries);
    else void deliveries;

    const receipt = this.receiptOf(localRef)!;
    const printed = await this.deps.devices.print(
      receiptDocument(this.deps.hall.name, receipt, this.deps.paper, {
        // The fee the review showed: the same catalogue fees, summed over the application's items.
        feeFen: selected.items.reduce((sum, i) => sum + i.fees.reduce((n, f) => n + f.amountFen, 0), 0),
      }),
      `apply-${localRef}`,
    );
    const meta = this.receipts.get(localRef);
    if (meta) {
      meta.printed = printed.ok;
      if (!printed.ok) meta.printError = PRINTER_ERROR[printed.status.state] ?? 'printer-error';
    }
    if (printed.ok) {
      try {
        storeWrite(() => this.deps.applications.markReceiptPrinted(localRef, this.deps.clock.now()));
      } catch (err) {
        if (!(err instanceof StoreUnavailableError)) throw err;
        this.deps.logger.error('store.unavailable', { detail: err.message });
      }
      this.deps.logger.info('apply.receipt-printed', { localRef });
    } else {
      // The receipt stays on screen; staff are told somebody is waiting for their paper.
      this.deps.logger.warn('apply.receipt-print-failed', { localRef, status: printed.status.state });
      this.deps.staffAlert?.(
        printed.status.state,
        receipt.cases.find((c) => c.caseNumber)?.caseNumber ?? undefined,
      );
    }
    return { ok: true, value: this.receiptOf(localRef)! };
  }

  /**
   * The drawn signature of the commitments promised: checked by the central's own rule, bound to
   * the wording and version shown and to the kiosk's time, and held for this selection's submission.
   */
  async sign(req: ApplySignRequest): Promise<ApplyResult<{ signedAt: string; version: string }>> {
    const ready = this.prepare(req.selection);
    if (!ready.ok) return ready;
    const { selected, citizenRef } = ready.value;
    if (req.version !== COMMITMENT_VERSION) return fail('bad-request', 'commitment-changed');
    const commitments = mergeMaterials(selected.items)
      .map((m) => m.material)
      .filter((m) => m.cancellation.rule === 'commitment');
    const unknown = req.materials.filter((code) => !commitments.some((m) => m.code === code));
    if (unknown.length > 0) {
      return fail(
        'bad-request',
        undefined,
        `materials: not a commitment of this selection: ${unknown.join(',')}`,
      );
    }
    const image = await storedSignatureImage(req.imagePng);
    if (!image.ok) {
      this.deps.logger.info('apply.signature-refused', { reason: image.reason });
      return fail('bad-request', image.reason);
    }
    // Another card was put on the reader while the image was checked: this was not their signature.
    if (this.deps.session.citizenRef() !== citizenRef) {
      return fail('card-session-ended', undefined, 'session-changed');
    }
    const record = this.signature.keep(
      citizenRef,
      selectionKey(req.selection),
      image.png,
      commitments.filter((m) => req.materials.includes(m.code)),
      this.deps.clock.now(),
    );
    this.deps.logger.info('apply.signature-taken', {
      materials: req.materials.length,
      bytes: image.png.length,
    });
    return { ok: true, value: { signedAt: record.signedAt, version: record.commitment.version } };
  }

  /** A receipt of this session as it stands now (case numbers arrive as the central acknowledges). */
  receipt(localRef: string): ApplyResult<ApplicationReceipt> {
    if (!this.deps.session.active) return fail('no-session');
    const receipt = this.receiptOf(localRef);
    return receipt ? { ok: true, value: receipt } : fail('not-found');
  }

  // ---- helpers ----

  /** A refusal unless the session's card is still on the reader and still the one prepared for. */
  private async cardStillHere(action: string, citizenRef: string): Promise<ApplyResult<never> | undefined> {
    const card = await confirmCardFor(this.deps.session, action, this.deps.logger);
    if (!card.ok) return fail(card.code, undefined, card.detail);
    // Someone else was identified while the central answered: this was prepared for the last one.
    if (this.deps.session.citizenRef() !== citizenRef)
      return fail('card-session-ended', undefined, 'session-changed');
    return undefined;
  }

  /** The card's facts an item's conditions are checked against, age on today's hall date. */
  private cardFacts(card: CardApplicant): CardFacts {
    const readable = /^\d{4}-\d{2}-\d{2}$/.test(card.birthDate);
    return {
      age: readable ? ageOn(card.birthDate, hallDate(this.deps.clock.now())) : undefined,
      address: card.address,
    };
  }

  private prepare(selection: ApplySelection): ApplyResult<{
    selected: Selected;
    card: CardApplicant;
    citizenRef: string;
  }> {
    const { session } = this.deps;
    if (!session.active) return fail('no-session');
    const card = session.cardApplicant();
    const citizenRef = session.citizenRef();
    if (session.source !== 'card' || !card || !citizenRef) return fail('no-session', 'needs-card');
    // The central takes applications from resident ID numbers (and permits that use one).
    if (!validateIdNumber(card.idNumber)) return fail('bad-request', 'id-not-accepted');
    const catalogue: CachedCatalogue | null = this.deps.guide.current();
    if (!catalogue) return fail('central-unreachable', 'no-catalogue');
    const selected = resolveSelection(catalogue, selection);
    if ('refused' in selected) return fail('bad-request', selected.refused);
    return { ok: true, value: { selected, card, citizenRef } };
  }

  private eCertificateCodes(selected: Selected): string[] {
    return mergeMaterials(selected.items)
      .filter((m) => m.material.cancellation.rule === 'e-certificate')
      .map((m) => m.material.code);
  }

  /**
   * Which of the selection's e-certificates the central holds for the citizen, or null when it
   * cannot be asked now (offline, or it failed): staff then fetch them at intake.
   */
  private async lookUpCertificates(selected: Selected): Promise<Map<string, boolean> | null> {
    const codes = this.eCertificateCodes(selected);
    const citizenRef = this.deps.session.citizenRef()!;
    if (this.certificates?.citizenRef !== citizenRef) this.certificates = { citizenRef, held: new Map() };
    const cache = this.certificates;
    const missing = codes.filter((c) => !cache.held.has(c));
    if (missing.length > 0) {
      if (!this.deps.delivery.syncStatus().online) return null;
      const r: CentralOutcome<{ certificates: { code: string; found: boolean }[] }> =
        await this.deps.central.lookupECertificates({
          hallId: this.deps.hall.id,
          terminalId: this.deps.terminalId,
          citizenRef,
          materialCodes: missing,
        });
      if (r.kind !== 'ok') {
        this.deps.logger.warn('apply.certificates-unchecked', {
          reason: r.kind === 'rejected' ? `HTTP ${r.status} ${r.code}` : `${r.kind}: ${r.reason}`,
        });
        return null;
      }
      // The session may have ended while the central answered.
      if (this.certificates !== cache) return null;
      for (const c of r.body.certificates) cache.held.set(c.code, c.found);
    }
    return new Map(codes.map((c) => [c, cache.held.get(c) === true]));
  }

  private checklist(
    selected: Selected,
    certificates: Map<string, boolean> | null,
    paperInstead: Set<string>,
  ): ChecklistEntry[] {
    return buildChecklist(selected, { certificates, paperInstead, captures: this.deps.captures });
  }

  private receiptOf(localRef: string): ApplicationReceipt | undefined {
    const meta = this.receipts.get(localRef);
    if (!meta) return undefined;
    const rows: LocalApplicationCase[] = this.deps.applications.byRef(localRef);
    const numbers = rows.flatMap((r) => (r.caseNumber ? [r.caseNumber] : []));
    const base = this.deps.hall.caseFollowUrl.replace(/\/+$/, '');
    const followUrl =
      numbers.length === rows.length && numbers.length > 0
        ? `${base}?${new URLSearchParams(numbers.map((n) => ['case', n])).toString()}`
        : base;
    return {
      localRef,
      title: meta.title,
      bundleCode: meta.bundleCode,
      maskedName: meta.maskedName,
      delivery: meta.delivery,
      submittedAt: meta.submittedAt,
      cases: rows.map((r) => ({
        itemCode: r.itemCode,
        itemName: r.itemName,
        state: r.state,
        caseNumber: r.caseNumber,
        rejectCode: r.rejectCode,
      })),
      followUrl,
      paper: meta.paper,
      offline: rows.some((r) => r.state === 'queued') && !this.deps.delivery.syncStatus().online,
      printed: meta.printed,
      ...(meta.printError ? { printError: meta.printError } : {}),
    };
  }

  /** Waits for `work` at most `ms` on the injected clock; the work goes on either way. */
  private async within(ms: number, work: Promise<unknown>): Promise<void> {
    let timer: TimerHandle | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = this.deps.clock.setTimeout(resolve, ms);
    });
    try {
      await Promise.race([work.then(() => undefined), timeout]);
    } finally {
      if (timer !== undefined) this.deps.clock.clearTimeout(timer);
    }
  }
}

/** One key per item or bundle, for the signature held for it. */
const selectionKey = (s: ApplySelection) =>
  s.kind === 'item' ? `item:${s.itemCode}` : `bundle:${s.bundleCode}`;
