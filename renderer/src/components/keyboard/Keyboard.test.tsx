// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetKioskStore, setElderly } from '../../state/kioskStore';
import { Keyboard, type KeyboardMode } from './Keyboard';

/** The backend's pinyin answers, from a little dictionary: what the keyboard sent, and its reply. */
const WORDS: Record<string, { text: string; consumed: number }[]> = {
  h: [{ text: '和', consumed: 1 }],
  ha: [{ text: '哈', consumed: 2 }],
  hz: [
    { text: '杭州', consumed: 2 },
    { text: '孩子', consumed: 2 },
  ],
  hangzhouxihu: [
    { text: '杭州', consumed: 8 },
    { text: '行', consumed: 4 },
  ],
  xihu: [{ text: '西湖', consumed: 4 }],
};

let asked: { input: string; page: number; pageSize?: number }[] = [];
let failing = false;

let warmed = 0;

function fakeFetch(url: string, init: RequestInit = {}): Promise<Response> {
  if (url === '/api/pinyin/warm') {
    warmed++;
    return Promise.resolve(new Response(JSON.stringify({ ok: true }), { status: 200 }));
  }
  const body = JSON.parse(String(init.body)) as { input: string; page: number; pageSize?: number };
  asked.push(body);
  if (failing) {
    return Promise.resolve(
      new Response(JSON.stringify({ ok: false, error: { code: 'internal' } }), { status: 500 }),
    );
  }
  const all = WORDS[body.input] ?? [];
  const size = body.pageSize ?? 8;
  const candidates = all.slice(body.page * size, (body.page + 1) * size);
  return Promise.resolve(
    new Response(
      JSON.stringify({ ok: true, page: body.page, candidates, hasMore: all.length > (body.page + 1) * size }),
      { status: 200, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

function Field({ modes, maxLength = 20 }: { modes?: readonly KeyboardMode[]; maxLength?: number }) {
  const [value, setValue] = useState('');
  return (
    <>
      <output data-testid="typed">{value}</output>
      <Keyboard value={value} onChange={setValue} maxLength={maxLength} modes={modes} />
    </>
  );
}

async function press(key: string) {
  const button = await screen.findByTestId(`key-${key}`);
  await act(async () => {
    fireEvent.mouseDown(button);
    fireEvent.mouseUp(button);
    fireEvent.click(button);
  });
}

async function typeLetters(letters: string) {
  for (const l of letters) await press(l === "'" ? 'apostrophe' : l);
}

const composed = () => screen.getByTestId('pinyin-composition').dataset.composition;
const typed = () => screen.getByTestId('typed').textContent;
const candidates = () =>
  screen.queryAllByTestId(/^pinyin-candidate-\d+$/).map((b) => (b as HTMLElement).dataset.text);

beforeEach(() => {
  resetKioskStore();
  asked = [];
  warmed = 0;
  failing = false;
  vi.stubGlobal('fetch', vi.fn(fakeFetch));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the one keyboard', () => {
  it('shows a visible tab per input method, pinyin open first, and switches on a tap', async () => {
    render(<Field />);
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual(['拼音', '手写', '字母 ABC', '数字 123']);
    expect(screen.getByTestId('keyboard-tab-pinyin').getAttribute('aria-selected')).toBe('true');
    expect(screen.getByTestId('keyboard-panel-pinyin')).toBeTruthy();

    fireEvent.click(screen.getByTestId('keyboard-tab-numbers'));
    expect(screen.getByTestId('keyboard-tab-numbers').getAttribute('aria-selected')).toBe('true');
    expect(screen.getByTestId('keyboard-tab-pinyin').getAttribute('aria-selected')).toBe('false');
    await press('3');
    await press('-');
    await press('1');
    expect(typed()).toBe('3-1');

    fireEvent.click(screen.getByTestId('keyboard-tab-letters'));
    await press('A');
    await press('space');
    expect(typed()).toBe('3-1A ');
    await press('bksp');
    expect(typed()).toBe('3-1A');

    fireEvent.click(screen.getByTestId('keyboard-tab-handwriting'));
    expect(screen.getByTestId('keyboard-panel-handwriting')).toBeTruthy();
    fireEvent.click(screen.getByTestId('keyboard-delete'));
    expect(typed()).toBe('3-1');
  });

  it('offers only the tabs a field takes, and no tab bar for one', () => {
    const { unmount } = render(<Field modes={['numbers', 'letters']} />);
    expect(screen.getAllByRole('tab').map((t) => t.dataset.testid)).toEqual([
      'keyboard-tab-numbers',
      'keyboard-tab-letters',
    ]);
    unmount();
    render(<Field modes={['pinyin']} />);
    expect(screen.queryAllByRole('tab')).toEqual([]);
  });

  it('types by pinyin: the letters compose, candidates come from the backend, a pick adds it', async () => {
    render(<Field />);
    await typeLetters('hz');
    expect(composed()).toBe('hz');
    expect(candidates()).toEqual(['杭州', '孩子']);
    expect(asked.at(-1)).toEqual({ input: 'hz', page: 0, pageSize: 8 });
    // The backend was asked to read its dictionary when the pinyin tab opened, once.
    expect(warmed).toBe(1);
    await act(async () => fireEvent.click(screen.getByTestId('pinyin-candidate-0')));
    expect(typed()).toBe('杭州');
    expect(composed()).toBe('');
    expect(candidates()).toEqual([]);
  });

  it('keeps the letters a candidate did not stand for, to pick the next word from', async () => {
    render(<Field />);
    await typeLetters('hangzhouxihu');
    expect(candidates()[0]).toBe('杭州');
    await act(async () => fireEvent.click(screen.getByTestId('pinyin-candidate-0')));
    expect(typed()).toBe('杭州');
    expect(composed()).toBe('xihu');
    expect(candidates()).toEqual(['西湖']);
    await act(async () => fireEvent.click(screen.getByTestId('pinyin-candidate-0')));
    expect(typed()).toBe('杭州西湖');
  });

  it('backspace takes a letter off the composition first, then characters off the text', async () => {
    render(<Field />);
    await typeLetters('hz');
    await act(async () => fireEvent.click(screen.getByTestId('pinyin-candidate-1')));
    expect(typed()).toBe('孩子');
    await typeLetters('ha');
    await press('bksp');
    expect(composed()).toBe('h');
    expect(candidates()).toEqual(['和']);
    await press('bksp');
    await press('bksp');
    expect(typed()).toBe('孩');
  });

  it('pages the candidates, fewer and larger in 长辈模式', async () => {
    WORDS.wei = Array.from({ length: 12 }, (_, i) => ({ text: `字${i}`, consumed: 3 }));
    setElderly(true);
    render(<Field />);
    await typeLetters('wei');
    expect(candidates()).toHaveLength(5);
    expect(screen.getByTestId('keyboard').className).toContain('one-keyboard-large');
    expect(screen.getByTestId('pinyin-previous')).toHaveProperty('disabled', true);
    await act(async () => fireEvent.click(screen.getByTestId('pinyin-next')));
    expect(asked.at(-1)).toEqual({ input: 'wei', page: 1, pageSize: 5 });
    expect(candidates()).toEqual(['字5', '字6', '字7', '字8', '字9']);
    await act(async () => fireEvent.click(screen.getByTestId('pinyin-next')));
    expect(candidates()).toEqual(['字10', '字11']);
    expect(screen.getByTestId('pinyin-next')).toHaveProperty('disabled', true);
  });

  it("says so when a pinyin spells nothing, and when the backend cannot answer; ' is not typed first", async () => {
    render(<Field />);
    await typeLetters("'");
    expect(asked).toEqual([]);
    await typeLetters('q');
    expect(screen.getByTestId('pinyin-none').textContent).toBe('没有找到这个拼音的字词，请检查拼写');
    failing = true;
    await typeLetters('q');
    expect(screen.getByRole('alert').textContent).toBe('拼音输入暂时不能使用，请改用手写输入');
    expect(typed()).toBe('');
  });

  it('adds no candidate past the field’s length rather than half of one', async () => {
    render(<Field maxLength={3} />);
    await typeLetters('hz');
    await act(async () => fireEvent.click(screen.getByTestId('pinyin-candidate-0')));
    await typeLetters('hz');
    await act(async () => fireEvent.click(screen.getByTestId('pinyin-candidate-0')));
    expect(typed()).toBe('杭州');
  });
});
