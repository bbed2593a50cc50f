// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { resetKioskStore } from '../state/kioskStore';
import { Pager } from './Pager';

afterEach(cleanup);

const names = (n: number) => Array.from({ length: n }, (_, i) => `事项${i + 1}`);

function List({ items, pageSize = 3 }: { items: readonly string[]; pageSize?: number }) {
  return (
    <Pager items={items} pageSize={pageSize} testId="p">
      {(page) => (
        <ul data-testid="list">
          {page.map((x) => (
            <li key={x}>{x}</li>
          ))}
        </ul>
      )}
    </Pager>
  );
}

const shown = () => Array.from(screen.getByTestId('list').children).map((li) => li.textContent);

describe('Pager', () => {
  it('shows a page at a time with 第 n / m 页, previous and next at the ends disabled', () => {
    resetKioskStore();
    render(<List items={names(7)} />);
    expect(shown()).toEqual(['事项1', '事项2', '事项3']);
    expect(screen.getByTestId('p-page').textContent).toBe('第 1 / 3 页');
    expect(screen.getByTestId('p-previous')).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByTestId('p-next'));
    fireEvent.click(screen.getByTestId('p-next'));
    expect(shown()).toEqual(['事项7']);
    expect(screen.getByTestId('p-page').textContent).toBe('第 3 / 3 页');
    expect(screen.getByTestId('p-next')).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByTestId('p-previous'));
    expect(shown()).toEqual(['事项4', '事项5', '事项6']);
  });

  it('has no controls for a list that fits one page, and starts a new list at its first page', () => {
    const { rerender } = render(<List items={names(3)} />);
    expect(screen.queryByTestId('p')).toBeNull();
    const long = names(9);
    rerender(<List items={long} />);
    fireEvent.click(screen.getByTestId('p-next'));
    expect(screen.getByTestId('p-page').textContent).toBe('第 2 / 3 页');
    rerender(<List items={names(9).reverse()} />);
    expect(screen.getByTestId('p-page').textContent).toBe('第 1 / 3 页');
    expect(shown()[0]).toBe('事项9');
  });

  it('refuses a page size that holds nothing, saying so', () => {
    expect(() => render(<List items={names(2)} pageSize={0} />)).toThrow(
      'a page holds at least one entry, not 0',
    );
  });
});
