import { ChevronLeft, ChevronRight } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_PINYIN_INPUT, type PinyinCandidate } from '../../../../electron/backend/pinyin/contract';
import { KeyGrid } from './KeyGrid';
import { pinyinApi } from './pinyinApi';

/** Candidates a row: as many as fit the keyboard's width as large buttons; fewer in elderly mode. */
const PAGE_SIZE = 8;
const ELDERLY_PAGE_SIZE = 5;

type Lookup =
  | { state: 'idle' }
  | { state: 'done'; page: number; candidates: readonly PinyinCandidate[]; hasMore: boolean }
  | { state: 'failed' };

/**
 * 拼音输入: letters typed go into a composition shown above the keys, and the backend answers a
 * page of phrase candidates for it (the dictionary stays there). Tapping one adds it to the text
 * and drops the letters it stands for: `hangzhouxihu` → 杭州, `xihu` left to pick next. Backspace
 * takes a letter off the composition, or a character off the text once it is empty.
 */
export function PinyinPanel({
  onText,
  onDelete,
  large,
}: {
  /** A candidate was picked: add it to the text. */
  onText: (text: string) => void;
  /** Backspace with nothing composed: take the last character off the text. */
  onDelete: () => void;
  large: boolean;
}) {
  const { t } = useTranslation();
  const pageSize = large ? ELDERLY_PAGE_SIZE : PAGE_SIZE;
  const [composition, setComposition] = useState('');
  const [page, setPage] = useState(0);
  // The answer is kept with the letters and page it answers: only the latest lookup is shown.
  const [answer, setAnswer] = useState<{ key: string; lookup: Lookup } | null>(null);
  const key = `${composition}|${page}|${pageSize}`;
  const asking = composition !== '' && !composition.startsWith("'");
  const lookup: Lookup = asking && answer?.key === key ? answer.lookup : { state: 'idle' };
  const state = useRef({ composition, onText, onDelete });
  useEffect(() => {
    state.current = { composition, onText, onDelete };
  });

  // The dictionary is read in the backend when a pinyin keyboard first opens, not at the first letter.
  useEffect(() => {
    void pinyinApi.warm();
  }, []);

  useEffect(() => {
    if (!asking) return;
    let current = true;
    void pinyinApi.candidates(composition, page, pageSize).then((reply) => {
      // Typing on while a lookup was out: the answer for older letters is dropped.
      if (!current) return;
      setAnswer({
        key,
        lookup: reply.ok
          ? {
              state: 'done',
              page: reply.value.page,
              candidates: reply.value.candidates,
              hasMore: reply.value.hasMore,
            }
          : { state: 'failed' },
      });
    });
    return () => {
      current = false;
    };
  }, [asking, composition, page, pageSize, key]);

  const compose = (next: string) => {
    setComposition(next);
    setPage(0);
  };

  const onKey = (key: string) => {
    const current = state.current.composition;
    if (key === '{bksp}') {
      if (current.length > 0) compose(current.slice(0, -1));
      else state.current.onDelete();
      return;
    }
    if (!/^[a-z']$/.test(key) || current.length >= MAX_PINYIN_INPUT) return;
    if (key === "'" && (current === '' || current.endsWith("'"))) return;
    compose(current + key);
  };

  const pick = (candidate: PinyinCandidate) => {
    onText(candidate.text);
    compose(composition.slice(candidate.consumed).replace(/^'+/, ''));
  };

  const shown = lookup.state === 'done' ? lookup.candidates : [];
  return (
    <div className="pinyin-panel">
      <p
        className="pinyin-composition"
        aria-live="polite"
        data-testid="pinyin-composition"
        data-composition={composition}
      >
        <span className="visually-hidden">{t('keyboard.pinyin.composing')}</span>
        {composition === '' ? <span className="hint-small">{t('keyboard.pinyin.hint')}</span> : composition}
      </p>
      <div className="pinyin-candidates" role="group" aria-label={t('keyboard.pinyin.candidates')}>
        <button
          type="button"
          className="btn pinyin-page"
          data-testid="pinyin-previous"
          aria-label={t('keyboard.pinyin.previous')}
          disabled={lookup.state !== 'done' || lookup.page === 0}
          onClick={() => setPage((p) => Math.max(0, p - 1))}
        >
          <ChevronLeft className="btn-icon" aria-hidden="true" />
        </button>
        <ol className="pinyin-candidate-list" data-testid="pinyin-candidates">
          {shown.map((c, i) => (
            <li key={`${c.text}-${c.consumed}`}>
              <button
                type="button"
                className="btn pinyin-candidate"
                data-testid={`pinyin-candidate-${i}`}
                data-text={c.text}
                aria-label={t('keyboard.pinyin.pick', { text: c.text })}
                onClick={() => pick(c)}
              >
                {c.text}
              </button>
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="btn pinyin-page"
          data-testid="pinyin-next"
          aria-label={t('keyboard.pinyin.next')}
          disabled={lookup.state !== 'done' || !lookup.hasMore}
          onClick={() => setPage((p) => p + 1)}
        >
          <ChevronRight className="btn-icon" aria-hidden="true" />
        </button>
      </div>
      {lookup.state === 'done' && shown.length === 0 && (
        <p className="hint-small" role="status" data-testid="pinyin-none">
          {t('keyboard.pinyin.none')}
        </p>
      )}
      {lookup.state === 'failed' && (
        <p className="alert" role="alert" data-testid="pinyin-failed">
          {t('keyboard.pinyin.failed')}
        </p>
      )}
      <KeyGrid layout="pinyin" onKey={onKey} />
    </div>
  );
}
