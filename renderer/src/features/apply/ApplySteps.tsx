import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PICKUP_NEEDS,
  type ApplyCondition,
  type ApplyDelivery,
  type ApplyDraft,
  type ChecklistEntry,
  type PaperPlace,
} from '../../../../electron/backend/apply/contract';
import { OnScreenKeyboard } from '../../components/OnScreenKeyboard';
import { PostToForm } from './PostToForm';
import { usePostToStore } from './postTo';
import { maskPhone } from '../../../../domain/masking';
import { yuan } from '../../../../domain/money';
import { Prompt } from '../../components/Prompt';
import { submit } from './applyActions';
import {
  choosePaperInstead,
  confirmCondition,
  goToStep,
  setAddressDetail,
  setDelivery,
  setPhone,
  useApplyStore,
  validPhone,
  type ApplyState,
  type ApplyStep,
} from './applyStore';
import { useLocalized } from './localized';
import { useCatalogueText } from '../guide/catalogueText';
import { CommitmentSignature } from './SignaturePad';
import { DocumentCameraScreen } from '../document-camera/DocumentCameraScreen';
import { loadPages, openCapture, pagesOf, probeCamera, useCameraStore } from '../document-camera/cameraStore';

/** Whether the citizen may go on from this step with what they answered. */
export function canLeave(step: ApplyStep, s: ApplyState): boolean {
  const draft = s.draft;
  if (!draft) return false;
  switch (step) {
    case 'form':
      // What the card shows is not met cannot be confirmed away; what it proved needs no tap.
      return (
        !draft.conditions.some((c) => c.check === 'card-unmet') &&
        draft.conditions.every((c) => c.check !== 'confirm' || s.conditionsConfirmed.includes(c.id)) &&
        (s.phone === '' || validPhone(s.phone))
      );
    case 'commitments': {
      // One signature covers exactly the commitments still promised; a change since asks for it again.
      const promised = commitmentCodes(draft).filter((c) => !s.paperInstead.includes(c));
      const covered = s.signature?.materials ?? [];
      return (
        promised.length === 0 ||
        (covered.length === promised.length && promised.every((c) => covered.includes(c)))
      );
    }
    case 'pickup':
      return s.delivery !== null && (!needsPhone(s.delivery) || validPhone(s.phone));
    default:
      return true;
  }
}

const needsPhone = (delivery: ApplyDelivery) => PICKUP_NEEDS[delivery].includes('phone');

/** Why the card shows a condition is not met, in the citizen's words. */
export function UnmetReason({ condition }: { condition: ApplyCondition }) {
  const { t } = useTranslation();
  if (condition.check !== 'card-unmet') return null;
  const fact = condition.unmet;
  return (
    <span className="alert" role="alert" data-testid={`apply-unmet-${condition.id}`}>
      {fact.kind === 'min-age'
        ? t('identity.eligibility.min-age', { years: fact.years })
        : t('identity.eligibility.residence', { region: fact.region })}
    </span>
  );
}

/** A condition in the citizen's language (Chinese with a marker where the catalogue has no English). */
function ConditionText({ condition }: { condition: ApplyCondition }) {
  const C = useCatalogueText();
  const shown = C({
    zh: condition.text,
    en: condition.textEn ?? condition.text,
    ...(condition.textEn ? {} : { enMissing: true }),
  });
  return <span lang={shown.lang}>{shown.text}</span>;
}

const commitmentCodes = (draft: ApplyDraft) =>
  draft.checklist.filter((e) => e.status === 'commitment').map((e) => e.code);

/** An entry as the citizen's choices make it: a commitment they chose to hand in is paper. */
function effective(entry: ChecklistEntry, paperInstead: readonly string[]): ChecklistEntry['status'] {
  return entry.status === 'commitment' && paperInstead.includes(entry.code) ? 'paper' : entry.status;
}

/** What still has to be shown on paper, with where. */
export function paperList(draft: ApplyDraft, paperInstead: readonly string[]) {
  return draft.checklist.filter((e) => effective(e, paperInstead) === 'paper' && e.where !== undefined);
}

export function WhereLine({ where, testId }: { where: PaperPlace; testId?: string }) {
  const { t } = useTranslation();
  const L = useLocalized();
  return (
    <span className="hint-small" data-testid={testId}>
      {t('apply.materials.where', {
        hall: where.hallName,
        category: where.queueCategory,
        categoryName: where.categoryName ? L(where.categoryName) : where.queueCategory,
        department: where.departmentName,
      })}
    </span>
  );
}

export function FormStep() {
  const { t } = useTranslation();
  const draft = useApplyStore((s) => s.draft)!;
  const phone = useApplyStore((s) => s.phone);
  const confirmed = useApplyStore((s) => s.conditionsConfirmed);
  const L = useLocalized();
  const card = draft.fields.filter((f) => f.source === 'card');
  return (
    <>
      <Prompt text={t('apply.form.prompt')} testId="apply-title" />
      <p className="tile-title" data-testid="apply-selection">
        {L(draft.title)}
      </p>
      <p>{t('apply.form.fromCard')}</p>
      <dl className="apply-facts">
        {card.map((f) => (
          <div key={f.key}>
            <dt>{t(`apply.form.${f.key}`)}</dt>
            <dd className="masked" data-testid={`apply-field-${f.key}`}>
              {f.maskedValue}
            </dd>
          </div>
        ))}
      </dl>
      <h2>{t('apply.form.phone')}</h2>
      <p className="hint-small">{t('apply.form.phoneHint')}</p>
      <p className="id-input" aria-live="polite" data-testid="apply-phone">
        {phone.length === 0 ? t('apply.form.phonePlaceholder') : phone}
      </p>
      {phone.length > 0 && !validPhone(phone) && (
        <p className="alert" role="alert" data-testid="apply-phone-invalid">
          {t('apply.form.phoneInvalid')}
        </p>
      )}
      <OnScreenKeyboard layout="digits" value={phone} maxLength={11} onChange={setPhone} />
      <h2>{t('apply.form.conditions')}</h2>
      {draft.conditions.length === 0 ? (
        <p>{t('apply.form.noConditions')}</p>
      ) : (
        <>
          {draft.conditions.some((c) => c.check === 'card-unmet') && (
            <div className="alert alert-large" role="alert" data-testid="apply-not-eligible">
              {draft.conditions.map((c) => (
                <p key={c.id}>
                  <UnmetReason condition={c} />
                </p>
              ))}
              <p>{t('identity.eligibility.help')}</p>
            </div>
          )}
          <p>{t('apply.form.conditionsHint')}</p>
          <ul className="guide-list">
            {draft.conditions.map((c) => {
              const on = confirmed.includes(c.id);
              if (c.check !== 'confirm') {
                // The card decided it: shown with the verdict, nothing to tap.
                return (
                  <li key={c.id} data-testid={`apply-condition-${c.id}`} data-check={c.check}>
                    <ConditionText condition={c} />{' '}
                    {c.check === 'card-met' ? (
                      <span className="toggle-state">✓ {t('identity.eligibility.cardMet')}</span>
                    ) : (
                      <UnmetReason condition={c} />
                    )}
                  </li>
                );
              }
              return (
                <li key={c.id}>
                  <button
                    type="button"
                    className="btn btn-toggle apply-confirm"
                    aria-pressed={on}
                    data-testid={`apply-condition-${c.id}`}
                    onClick={() => confirmCondition(c.id, !on)}
                  >
                    <ConditionText condition={c} />
                    <span className="toggle-state">
                      {on ? '✓ ' : ''}
                      {t('apply.form.confirm')}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </>
  );
}

export function MaterialsStep() {
  const { t } = useTranslation();
  const draft = useApplyStore((s) => s.draft)!;
  const paperInstead = useApplyStore((s) => s.paperInstead);
  const capturing = useCameraStore((s) => s.materialCode);
  const scanned = useCameraStore((s) => s.pages);
  const cameraPresent = useCameraStore((s) => s.present);
  const L = useLocalized();
  useEffect(() => {
    // Pages kept before (the citizen went back a step) are counted again from the backend.
    void loadPages();
    void probeCamera();
  }, []);
  const names = new Map(draft.items.map((i) => [i.itemCode, L(i.name)]));
  const capturingEntry = capturing ? draft.checklist.find((e) => e.code === capturing) : undefined;
  if (capturingEntry) return <DocumentCameraScreen materialName={L(capturingEntry.name)} />;
  return (
    <>
      <Prompt text={t('apply.materials.prompt')} testId="apply-title" />
      <p>{t('apply.materials.hint')}</p>
      {draft.certificates === 'unchecked' && (
        <p className="banner" role="status" data-testid="apply-certificates-unchecked">
          {t('apply.materials.unchecked')}
        </p>
      )}
      <ul className="guide-facts apply-checklist" data-testid="apply-checklist">
        {draft.checklist.map((e) => {
          const status = effective(e, paperInstead);
          // The camera takes what would otherwise be carried to the window; the window stays the way out.
          const byCamera = status === 'paper' && e.capture === 'document-camera' && cameraPresent !== false;
          const pages = byCamera ? pagesOf(scanned, e.code).length : 0;
          return (
            <li
              key={e.code}
              data-testid={`apply-material-${e.code}`}
              data-status={status}
              data-scanned={pages}
            >
              <strong className={status === 'dropped' ? 'struck' : undefined}>{L(e.name)}</strong>
              {byCamera ? (
                <span className="apply-scan">
                  {pages > 0 ? (
                    <span className="guide-reason" data-testid={`apply-scanned-${e.code}`}>
                      ✓ {t('documentCamera.scanned', { count: pages })}
                    </span>
                  ) : (
                    <span className="hint-small">{t('documentCamera.scanHint')}</span>
                  )}
                  <button
                    type="button"
                    className="btn btn-primary btn-large"
                    data-testid={`apply-scan-${e.code}`}
                    onClick={() => openCapture(e.code)}
                  >
                    {pages > 0 ? t('documentCamera.scanMore') : t('documentCamera.scan')}
                  </button>
                </span>
              ) : (
                <span className={status === 'paper' ? 'apply-bring' : 'guide-reason'}>
                  {e.eCertificateMissing
                    ? t('apply.materials.missing')
                    : status === 'paper' && e.status === 'commitment'
                      ? t('apply.materials.paperInsteadChosen')
                      : t(`apply.materials.status.${status}`)}
                </span>
              )}
              {byCamera && pages === 0 && (
                <span className="hint-small">{t('documentCamera.paperFallback')}</span>
              )}
              {status === 'paper' && e.where && pages === 0 && (
                <WhereLine where={e.where} testId={`apply-where-${e.code}`} />
              )}
              {draft.items.length > 1 && (
                <span className="hint-small">
                  {t('apply.materials.usedBy', { items: e.usedBy.map((c) => names.get(c) ?? c).join('、') })}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {cameraPresent === false &&
        draft.checklist.some(
          (e) => e.capture === 'document-camera' && effective(e, paperInstead) === 'paper',
        ) && (
          <p className="banner" role="status" data-testid="apply-scan-unavailable">
            {t('documentCamera.status.no-camera')}
          </p>
        )}
      {paperList(draft, paperInstead).length === 0 && (
        <p data-testid="apply-nothing-on-paper">{t('apply.materials.nothingOnPaper')}</p>
      )}
    </>
  );
}

export function CommitmentsStep() {
  const { t } = useTranslation();
  const draft = useApplyStore((s) => s.draft)!;
  const signature = useApplyStore((s) => s.signature);
  const paperInstead = useApplyStore((s) => s.paperInstead);
  const L = useLocalized();
  const entries = draft.checklist.filter((e) => e.status === 'commitment');
  const promised = entries.filter((e) => !paperInstead.includes(e.code));
  return (
    <>
      <Prompt text={t('apply.commitments.prompt')} testId="apply-title" />
      <p>{t('apply.commitments.hint')}</p>
      <ul className="guide-list">
        {entries.map((e) => {
          const isSigned = signature?.materials.includes(e.code) ?? false;
          const onPaper = paperInstead.includes(e.code);
          return (
            <li
              key={e.code}
              className="apply-commitment"
              data-testid={`apply-commitment-${e.code}`}
              data-state={isSigned ? 'signed' : onPaper ? 'paper' : 'open'}
            >
              <h2>{L(e.name)}</h2>
              {e.commitmentText && (
                <p className="dialog-text" data-testid={`apply-commitment-text-${e.code}`}>
                  {L(e.commitmentText)}
                </p>
              )}
              {onPaper ? (
                <>
                  {e.where && <WhereLine where={e.where} />}
                  <button
                    type="button"
                    className="btn"
                    data-testid={`apply-undo-paper-${e.code}`}
                    onClick={() => choosePaperInstead(e.code, false)}
                  >
                    {t('apply.commitments.undoPaper')}
                  </button>
                </>
              ) : (
                <div className="button-row">
                  {isSigned && (
                    <span className="guide-reason" data-testid={`apply-signed-${e.code}`}>
                      ✓ {t('apply.commitments.signed')}
                    </span>
                  )}
                  <button
                    type="button"
                    className="btn btn-secondary"
                    data-testid={`apply-paper-${e.code}`}
                    onClick={() => choosePaperInstead(e.code, true)}
                  >
                    {t('apply.commitments.paperInstead')}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {promised.length > 0 && <CommitmentSignature version={draft.commitmentVersion} />}
    </>
  );
}

/** Words an address detail needs beyond digits and letters (the keyboard has no Chinese input). */
const ADDRESS_WORDS = ['幢', '单元', '室', '号', '楼', '层', '-'] as const;

export function PickupStep() {
  const { t } = useTranslation();
  const draft = useApplyStore((s) => s.draft)!;
  const delivery = useApplyStore((s) => s.delivery);
  const phone = useApplyStore((s) => s.phone);
  const detail = useApplyStore((s) => s.addressDetail);
  const postTo = usePostToStore((s) => s.to);
  return (
    <>
      <Prompt text={t('apply.pickup.prompt')} testId="apply-title" />
      <ul className="guide-list">
        {(['window', 'post', 'self-service'] as const).map((option) => {
          const offered = draft.pickup.options.includes(option);
          return (
            <li key={option}>
              <button
                type="button"
                className="btn btn-toggle apply-option"
                aria-pressed={delivery === option}
                disabled={!offered}
                data-testid={`apply-delivery-${option}`}
                onClick={() => setDelivery(option)}
              >
                <span className="tile-title">
                  {delivery === option ? '✓ ' : ''}
                  {t(`apply.pickup.${option}`)}
                </span>
                <span className="tile-hint">
                  {option === 'window'
                    ? t('apply.pickup.windowHint')
                    : option === 'post'
                      ? offered
                        ? t('apply.pickup.postHint')
                        : t('apply.pickup.noAddress')
                      : t('apply.pickup.self-service-hint')}
                </span>
                {PICKUP_NEEDS[option].length > 0 && (
                  <span className="tile-hint" data-testid={`apply-delivery-needs-${option}`}>
                    {t('identity.pickup.needs', {
                      what: PICKUP_NEEDS[option]
                        .map((n) => t(`identity.pickup.${n}`))
                        .join(t('identity.pickup.and')),
                    })}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
      {delivery === 'post' && <PostToForm cardAddress={draft.pickup.maskedAddress} />}
      {delivery === 'post' && draft.pickup.maskedAddress !== null && postTo === 'card' && (
        <section className="apply-post" data-testid="apply-post">
          <p>
            {t('apply.pickup.address')}
            <span className="masked" data-testid="apply-address">
              {draft.pickup.maskedAddress}
              {detail}
            </span>
          </p>
          <p className="hint-small">{t('apply.pickup.addressOther')}</p>
          <p>{t('apply.pickup.addressDetail')}</p>
          <p className="id-input" aria-live="polite" data-testid="apply-address-detail">
            {detail.length === 0 ? t('apply.pickup.addressPlaceholder') : detail}
          </p>
          <div className="button-row">
            {ADDRESS_WORDS.map((w) => (
              <button
                key={w}
                type="button"
                className="btn"
                data-testid={`apply-address-word-${w}`}
                onClick={() => setAddressDetail(detail + w)}
              >
                {w}
              </button>
            ))}
          </div>
          <OnScreenKeyboard layout="code" value={detail} maxLength={30} onChange={setAddressDetail} />
        </section>
      )}
      {delivery !== null && needsPhone(delivery) && !validPhone(phone) && (
        // Post and the locker both need the phone (the courier calls; the pickup code comes by text).
        <p className="alert" role="alert" data-testid="apply-phone-needed">
          {delivery === 'post' ? t('apply.pickup.phoneNeeded') : t('identity.pickup.self-service-phone')}{' '}
          <button type="button" className="btn" data-testid="apply-go-phone" onClick={() => goToStep('form')}>
            {t('apply.pickup.goToPhone')}
          </button>
        </p>
      )}
    </>
  );
}

export function ReviewStep() {
  const { t } = useTranslation();
  const s = useApplyStore();
  const draft = s.draft!;
  const L = useLocalized();
  const name = draft.fields.find((f) => f.key === 'name')?.maskedValue ?? '';
  const signedNames = draft.checklist
    .filter((e) => s.commitmentsSigned.includes(e.code))
    .map((e) => L(e.name));
  const scanned = useCameraStore((c) => c.pages);
  // A material scanned on the document camera goes with the case: it is not on the paper list.
  const paper = paperList(draft, s.paperInstead).filter((e) => pagesOf(scanned, e.code).length === 0);
  const scannedEntries = draft.checklist.filter((e) => pagesOf(scanned, e.code).length > 0);
  return (
    <>
      <Prompt text={t('apply.review.prompt')} testId="apply-title" />
      <dl className="apply-facts" data-testid="apply-review">
        <div>
          <dt>{t('apply.review.items')}</dt>
          <dd data-testid="apply-review-items">{draft.items.map((i) => L(i.name)).join('、')}</dd>
        </div>
        <div>
          <dt>{t('apply.review.applicant')}</dt>
          <dd className="masked">{name}</dd>
        </div>
        <div>
          <dt>{t('apply.review.phone')}</dt>
          <dd className="masked" data-testid="apply-review-phone">
            {s.phone ? maskPhone(s.phone) : t('apply.review.phoneNone')}
          </dd>
        </div>
        <div>
          <dt>{t('apply.review.pickup')}</dt>
          <dd data-testid="apply-review-pickup">{s.delivery ? t(`apply.delivery.${s.delivery}`) : ''}</dd>
        </div>
        {scannedEntries.length > 0 && (
          <div>
            <dt>{t('documentCamera.scan')}</dt>
            <dd data-testid="apply-review-scanned">
              {scannedEntries
                .map(
                  (e) =>
                    `${L(e.name)}（${t('documentCamera.scanned', { count: pagesOf(scanned, e.code).length })}）`,
                )
                .join('、')}
            </dd>
          </div>
        )}
        {signedNames.length > 0 && (
          <div>
            <dt>{t('apply.review.commitments')}</dt>
            <dd>{signedNames.join('、')}</dd>
          </div>
        )}
      </dl>
      <p>
        {draft.promisedDays === 0
          ? t('apply.review.promisedNow')
          : t('apply.review.promised', { days: draft.promisedDays })}
      </p>
      <p>
        {draft.feeFen === 0 ? t('apply.review.free') : t('apply.review.fee', { amount: yuan(draft.feeFen) })}
      </p>
      <h2>{t('apply.review.paper')}</h2>
      {paper.length === 0 ? (
        <p>{t('apply.materials.nothingOnPaper')}</p>
      ) : (
        <ul className="guide-facts" data-testid="apply-review-paper">
          {paper.map((e) => (
            <li key={e.code}>
              <strong>{L(e.name)}</strong> {e.where && <WhereLine where={e.where} />}
            </li>
          ))}
        </ul>
      )}
      <button
        type="button"
        className="btn btn-primary btn-large"
        data-testid="apply-submit"
        disabled={s.busy || s.delivery === null}
        onClick={() => void submit()}
      >
        {s.busy ? t('apply.review.submitting') : t('apply.review.submit')}
      </button>
    </>
  );
}
