import { describe, expect, it } from 'vitest';
import { shouldBlockInput, type KeyInput } from './input-shortcuts';

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  type: 'keyDown',
  key: k,
  control: false,
  meta: false,
  shift: false,
  alt: false,
  isComposing: false,
  ...mods,
});

describe('blocked shortcuts', () => {
  it.each([
    ['F12 (DevTools)', key('F12')],
    ['Ctrl+Shift+I (DevTools)', key('I', { control: true, shift: true })],
    ['Cmd+Alt+I (DevTools, macOS)', key('i', { meta: true, alt: true })],
    ['Ctrl+Shift+J (console)', key('J', { control: true, shift: true })],
    ['Ctrl+Shift+C (inspect)', key('C', { control: true, shift: true })],
    ['F5 (reload)', key('F5')],
    ['Ctrl+R (reload)', key('r', { control: true })],
    ['Ctrl+Shift+R (hard reload)', key('R', { control: true, shift: true })],
    ['the browser refresh key', key('BrowserRefresh')],
    ['Ctrl+W (close)', key('w', { control: true })],
    ['Cmd+Q (quit)', key('q', { meta: true })],
    ['F11 (leave full screen)', key('F11')],
    ['rawKeyDown as well', key('F12', { type: 'rawKeyDown' })],
  ])('blocks %s', (_label, input) => {
    expect(shouldBlockInput(input)).toBe(true);
  });

  it.each([
    ['typing', key('a')],
    ['Ctrl+C (copy)', key('c', { control: true })],
    ['Ctrl+V (paste)', key('v', { control: true })],
    ['Shift+I (capital I)', key('I', { shift: true })],
    ['Backspace (Unikey sends these to rewrite text)', key('Backspace')],
    ['Ctrl+Z (undo)', key('z', { control: true })],
    ['Enter', key('Enter')],
    ['the key-up of F12', key('F12', { type: 'keyUp' })],
  ])('lets through %s', (_label, input) => {
    expect(shouldBlockInput(input)).toBe(false);
  });

  it('never blocks a key that belongs to an IME composition', () => {
    expect(shouldBlockInput(key('r', { control: true, isComposing: true }))).toBe(false);
    expect(shouldBlockInput(key('F5', { isComposing: true }))).toBe(false);
  });
});
