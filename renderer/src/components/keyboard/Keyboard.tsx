import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKioskStore } from '../../state/kioskStore';
import { HandwritingPad } from './HandwritingPad';
import { KeyGrid } from './KeyGrid';
import { PinyinPanel } from './PinyinPanel';
import './keyboard.css';

/** How a citizen enters text: the tabs of the one keyboard. */
export type KeyboardMode = 'pinyin' | 'handwriting' | 'letters' | 'numbers';
export const ALL_KEYBOARD_MODES: readonly KeyboardMode[] = ['pinyin', 'handwriting', 'letters', 'numbers'];

/**
 * The one on-screen keyboard wherever a citizen types Chinese (a name, an address, a search):
 * pinyin with phrase candidates, handwriting, letters and numbers, switched by a visible tab.
 * Keys grow in 长辈模式 (its larger touch targets), and the pinyin row shows fewer, larger
 * candidates. The text lives in the parent; each tab only adds to it or takes its last character.
 */
export function Keyboard({
  value,
  onChange,
  maxLength,
  modes = ALL_KEYBOARD_MODES,
  testId = 'keyboard',
}: {
  value: string;
  onChange: (next: string) => void;
  maxLength: number;
  /** The tabs offered, the first one open first. */
  modes?: readonly KeyboardMode[];
  testId?: string;
}) {
  const { t } = useTranslation();
  const large = useKioskStore((s) => s.elderly);
  const [open, setOpen] = useState<KeyboardMode>(modes[0] ?? 'pinyin');
  const mode = modes.includes(open) ? open : (modes[0] ?? 'pinyin');

  const add = (text: string) => {
    // Whole candidates only: half a word cut off at the limit would be a wrong name.
    if ([...value].length + [...text].length <= maxLength) onChange(value + text);
  };
  const removeLast = () => onChange([...value].slice(0, -1).join(''));
  const onKey = (key: string) => {
    if (key === '{bksp}') removeLast();
    else if (key === '{space}') add(' ');
    else add(key);
  };

  return (
    <div
      className={`one-keyboard${large ? ' one-keyboard-large' : ''}`}
      data-testid={testId}
      data-mode={mode}
    >
      {modes.length > 1 && (
        <div className="keyboard-tabs" role="tablist" aria-label={t('keyboard.tabs')}>
          {modes.map((m) => (
            <button
              key={m}
              type="button"
              role="tab"
              className="btn keyboard-tab"
              aria-selected={m === mode}
              data-testid={`keyboard-tab-${m}`}
              onClick={() => setOpen(m)}
            >
              {t(`keyboard.tab.${m}`)}
            </button>
          ))}
        </div>
      )}
      <div role="tabpanel" className="keyboard-panel" data-testid={`keyboard-panel-${mode}`}>
        {mode === 'pinyin' && <PinyinPanel onText={add} onDelete={removeLast} large={large} />}
        {mode === 'handwriting' && (
          <div className="handwriting-panel">
            <HandwritingPad onPick={add} large={large} />
            <button type="button" className="btn" data-testid="keyboard-delete" onClick={removeLast}>
              ⌫ {t('keyboard.delete')}
            </button>
          </div>
        )}
        {mode === 'letters' && <KeyGrid layout="letters" onKey={onKey} />}
        {mode === 'numbers' && <KeyGrid layout="numbers" onKey={onKey} />}
      </div>
    </div>
  );
}
