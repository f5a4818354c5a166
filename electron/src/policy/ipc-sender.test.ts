import { describe, expect, it } from 'vitest';
import { isTrustedIpcSender, type SenderFrameLike } from './ipc-sender';

const topFrame: SenderFrameLike = { url: 'app://kiosk/drafts/7', origin: 'app://kiosk', parent: null };

describe('IPC sender validation', () => {
  it('trusts the kiosk window top frame on the app origin', () => {
    expect(isTrustedIpcSender(topFrame, true)).toBe(true);
  });

  it('refuses a frame of another webContents', () => {
    expect(isTrustedIpcSender(topFrame, false)).toBe(false);
  });

  it('refuses a sub-frame, even on the app origin', () => {
    expect(isTrustedIpcSender({ ...topFrame, parent: topFrame }, true)).toBe(false);
  });

  it('refuses a frame that navigated away or was destroyed', () => {
    expect(isTrustedIpcSender(null, true)).toBe(false);
    expect(isTrustedIpcSender(undefined, true)).toBe(false);
  });

  it.each([
    ['a remote page', { url: 'https://evil.example/', origin: 'https://evil.example' }],
    ['a look-alike host', { url: 'app://kiosk.evil/', origin: 'app://kiosk.evil' }],
    ['credentials in the URL', { url: 'app://user@kiosk/', origin: 'app://kiosk' }],
    ['another port', { url: 'app://kiosk:3001/', origin: 'app://kiosk:3001' }],
    ['a file: page', { url: 'file:///tmp/x.html', origin: 'file://' }],
    ['a data: page', { url: 'data:text/html,hi', origin: 'null' }],
    ['an app URL with a foreign origin', { url: 'app://kiosk/', origin: 'https://evil.example' }],
    ['an opaque origin', { url: 'app://kiosk/', origin: 'null' }],
  ])('refuses %s', (_label, frame) => {
    expect(isTrustedIpcSender({ ...frame, parent: null }, true)).toBe(false);
  });
});
