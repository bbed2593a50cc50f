import { describe, expect, it } from 'vitest';
import { isLockedKey, type KeyInput } from './keys';

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  type: 'keyDown',
  key: k,
  control: false,
  meta: false,
  shift: false,
  alt: false,
  ...mods,
});

describe('isLockedKey', () => {
  it.each([
    ['Ctrl +', key('+', { control: true })],
    ['Ctrl =', key('=', { control: true })],
    ['Ctrl -', key('-', { control: true })],
    ['Ctrl 0', key('0', { control: true })],
    ['Cmd +', key('+', { meta: true })],
    ['Ctrl Shift I', key('I', { control: true, shift: true })],
    ['Ctrl Shift J', key('J', { control: true, shift: true })],
    ['F12', key('F12')],
    ['F5', key('F5')],
    ['F11', key('F11')],
    ['Ctrl R', key('r', { control: true })],
    ['Ctrl P', key('p', { control: true })],
  ])('swallows %s', (_name, input) => expect(isLockedKey(input)).toBe(true));

  it.each([
    ['a digit typed by a barcode scanner', key('7')],
    ['Enter', key('Enter')],
    ['Backspace', key('Backspace')],
    ['Shift +', key('+', { shift: true })],
    ['Ctrl C (copy)', key('c', { control: true })],
    ['a key release', { ...key('F12'), type: 'keyUp' }],
  ])('lets %s through', (_name, input) => expect(isLockedKey(input)).toBe(false));
});
