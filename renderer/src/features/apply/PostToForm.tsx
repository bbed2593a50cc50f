import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskRegion } from '../../../../electron/backend/regions/contract';
import { Keyboard } from '../../components/keyboard/Keyboard';
import {
  MAX_ADDRESS_DETAIL,
  MAX_RECIPIENT_NAME,
  pickDistrict,
  pickStreet,
  postTo,
  regionsApi,
  setPostDetail,
  setRecipientName,
  typeInto,
  usePostToStore,
} from './postTo';

type Regions = { state: 'loading' } | { state: 'ready'; regions: KioskRegion[] } | { state: 'failed' };

/**
 * 寄到其他地址: the recipient's name and a full address in Chinese, typed on the one keyboard
 * (pinyin first), with the district and street picked from the central's region codes, so the
 * part a courier sorts by is never misspelt.
 */
export function PostToForm({ cardAddress }: { cardAddress: string | null }) {
  const { t } = useTranslation();
  const s = usePostToStore();
  const [regions, setRegions] = useState<Regions>({ state: 'loading' });
  const other = s.to === 'other' || cardAddress === null;

  useEffect(() => {
    if (!other) return;
    let current = true;
    void regionsApi.list().then((answer) => {
      if (current)
        setRegions(answer.ok ? { state: 'ready', regions: answer.value.regions } : { state: 'failed' });
    });
    return () => {
      current = false;
    };
  }, [other]);

  const list = regions.state === 'ready' ? regions.regions : [];
  const districts = list.filter((r) => r.level === 'district');
  const streets = list.filter((r) => r.level === 'street' && r.parentCode === s.districtCode);

  return (
    <section className="apply-post-to" data-testid="apply-post-to">
      {cardAddress !== null && (
        <div className="button-row">
          <button
            type="button"
            className="btn btn-toggle"
            aria-pressed={!other}
            data-testid="apply-post-to-card"
            onClick={() => postTo('card')}
          >
            {t('keyboard.address.toCard')}
          </button>
          <button
            type="button"
            className="btn btn-toggle"
            aria-pressed={other}
            data-testid="apply-post-to-other"
            onClick={() => postTo('other')}
          >
            {t('keyboard.address.toOther')}
          </button>
        </div>
      )}
      {other && (
        <>
          <p>{t('keyboard.address.recipient')}</p>
          <button
            type="button"
            className="btn btn-toggle id-input apply-post-field"
            aria-pressed={s.field === 'name'}
            data-testid="apply-post-name"
            onClick={() => typeInto('name')}
          >
            {s.recipientName || t('keyboard.address.recipientPlaceholder')}
          </button>
          <p>{t('keyboard.address.region')}</p>
          {regions.state === 'failed' && (
            <p className="alert" role="alert" data-testid="apply-post-regions-failed">
              {t('keyboard.address.regionsFailed')}
            </p>
          )}
          <div className="button-row" role="group" aria-label={t('keyboard.address.district')}>
            {districts.map((d) => (
              <button
                key={d.regionCode}
                type="button"
                className="btn btn-toggle"
                aria-pressed={s.districtCode === d.regionCode}
                data-testid={`apply-post-region-${d.regionCode}`}
                onClick={() => pickDistrict(d.regionCode)}
              >
                {d.name.zh}
              </button>
            ))}
          </div>
          {streets.length > 0 && (
            <div className="button-row" role="group" aria-label={t('keyboard.address.street')}>
              {streets.map((r) => (
                <button
                  key={r.regionCode}
                  type="button"
                  className="btn btn-toggle"
                  aria-pressed={s.streetCode === r.regionCode}
                  data-testid={`apply-post-region-${r.regionCode}`}
                  onClick={() => pickStreet(r.regionCode)}
                >
                  {r.name.zh}
                </button>
              ))}
            </div>
          )}
          <p>{t('keyboard.address.detail')}</p>
          <button
            type="button"
            className="btn btn-toggle id-input apply-post-field"
            aria-pressed={s.field === 'detail'}
            data-testid="apply-post-detail"
            onClick={() => typeInto('detail')}
          >
            {s.detail || t('keyboard.address.detailPlaceholder')}
          </button>
          {s.field === 'name' ? (
            <Keyboard
              key="name"
              value={s.recipientName}
              onChange={setRecipientName}
              maxLength={MAX_RECIPIENT_NAME}
              modes={['pinyin', 'handwriting', 'letters']}
              testId="apply-post-keyboard"
            />
          ) : (
            <Keyboard
              key="detail"
              value={s.detail}
              onChange={setPostDetail}
              maxLength={MAX_ADDRESS_DETAIL}
              testId="apply-post-keyboard"
            />
          )}
        </>
      )}
    </section>
  );
}
