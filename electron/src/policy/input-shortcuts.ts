/** The parts of Electron's `Input` (before-input-event) that matter here. */
export interface KeyInput {
  readonly type: string;
  readonly key: string;
  readonly control: boolean;
  readonly meta: boolean;
  readonly shift: boolean;
  readonly alt: boolean;
  readonly isComposing: boolean;
}

/**
 * Keys that would open DevTools, reload the page (and drop an unsaved keystroke), close the window or
 * leave full screen. Keys pressed while an IME composes (Chinese, IBus/macOS Vietnamese) belong to the
 * composition and are never blocked. Matching is on `key`, lower-cased, so Shift does not change it.
 */
export function shouldBlockInput(input: KeyInput): boolean {
  if (input.isComposing || (input.type !== 'keyDown' && input.type !== 'rawKeyDown')) return false;
  const key = input.key.toLowerCase();
  if (key === 'f5' || key === 'f11' || key === 'f12' || key === 'browserrefresh') return true;
  const command = input.control || input.meta;
  if (!command) return false;
  if (key === 'r' || key === 'w' || key === 'q') return true;
  if ((input.shift || input.alt) && (key === 'i' || key === 'j' || key === 'c')) return true;
  return false;
}
