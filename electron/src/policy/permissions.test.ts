import { describe, expect, it } from 'vitest';
import { decidePermissionCheck, decidePermissionRequest, type PermissionRequestInfo } from './permissions';

const appRequest = (overrides: Partial<PermissionRequestInfo>): PermissionRequestInfo => ({
  permission: 'persistent-storage',
  fromKioskWindow: true,
  isMainFrame: true,
  requestingUrl: 'app://kiosk/drafts/1',
  ...overrides,
});

const DENIED_ALWAYS = [
  'geolocation',
  'notifications',
  'display-capture',
  'clipboard-read',
  'openExternal',
  'fileSystem',
  'hid',
  'usb',
  'serial',
  'midiSysex',
  'fullscreen',
  'pointerLock',
  'idle-detection',
  'window-management',
  'unknown',
];

describe('permission requests', () => {
  it('grants persistent storage to the app', () => {
    expect(decidePermissionRequest(appRequest({}))).toBe(true);
  });

  it('grants the camera (video only) to the app', () => {
    expect(
      decidePermissionRequest(
        appRequest({ permission: 'media', mediaTypes: ['video'], securityOrigin: 'app://kiosk/' }),
      ),
    ).toBe(true);
  });

  it.each([
    ['microphone', ['audio']],
    ['camera and microphone', ['video', 'audio']],
    ['no media types at all', []],
    ['media types missing', undefined],
  ])('refuses media with %s', (_label, mediaTypes) => {
    expect(decidePermissionRequest(appRequest({ permission: 'media', mediaTypes }))).toBe(false);
  });

  it.each(DENIED_ALWAYS)('refuses %s even to the app', (permission) => {
    expect(decidePermissionRequest(appRequest({ permission, mediaTypes: ['video'] }))).toBe(false);
  });

  it.each([
    ['another origin', { requestingUrl: 'https://evil.example/' }],
    ['a look-alike origin', { requestingUrl: 'app://kiosk.evil/' }],
    ['a port look-alike', { requestingUrl: 'app://kiosk:3001/' }],
    ['a file: page', { requestingUrl: 'file:///C:/x.html' }],
    ['a sub-frame', { isMainFrame: false }],
    ['another webContents', { fromKioskWindow: false }],
    ['a mismatching security origin', { securityOrigin: 'https://evil.example' }],
  ])('refuses persistent storage and camera to %s', (_label, overrides) => {
    expect(decidePermissionRequest(appRequest(overrides))).toBe(false);
    expect(
      decidePermissionRequest(appRequest({ ...overrides, permission: 'media', mediaTypes: ['video'] })),
    ).toBe(false);
  });
});

describe('permission checks', () => {
  const appCheck = { fromKioskWindow: true, isMainFrame: true, requestingOrigin: 'app://kiosk' };

  it('says yes to persistent storage and the camera for the app', () => {
    expect(decidePermissionCheck({ ...appCheck, permission: 'persistent-storage' })).toBe(true);
    expect(
      decidePermissionCheck({
        ...appCheck,
        permission: 'media',
        mediaType: 'video',
        securityOrigin: 'app://kiosk',
      }),
    ).toBe(true);
    expect(
      decidePermissionCheck({
        ...appCheck,
        requestingOrigin: 'app://kiosk/',
        permission: 'persistent-storage',
      }),
    ).toBe(true);
  });

  it('says no to the microphone and to an unknown media type', () => {
    expect(decidePermissionCheck({ ...appCheck, permission: 'media', mediaType: 'audio' })).toBe(false);
    expect(decidePermissionCheck({ ...appCheck, permission: 'media', mediaType: 'unknown' })).toBe(false);
    expect(decidePermissionCheck({ ...appCheck, permission: 'media' })).toBe(false);
  });

  it.each(DENIED_ALWAYS)('says no to %s', (permission) => {
    expect(decidePermissionCheck({ ...appCheck, permission })).toBe(false);
  });

  it.each([
    ['no webContents (service worker)', { fromKioskWindow: false }],
    ['a sub-frame', { isMainFrame: false }],
    ['another origin', { requestingOrigin: 'https://dvc.example.gov.vn' }],
    ['a look-alike origin', { requestingOrigin: 'app://kiosk.evil' }],
    ['a cross-origin embedder', { embeddingOrigin: 'https://evil.example' }],
    ['a mismatching security origin', { securityOrigin: 'app://kiosk:3001' }],
  ])('says no for %s', (_label, overrides) => {
    expect(decidePermissionCheck({ ...appCheck, ...overrides, permission: 'persistent-storage' })).toBe(
      false,
    );
    expect(
      decidePermissionCheck({ ...appCheck, ...overrides, permission: 'media', mediaType: 'video' }),
    ).toBe(false);
  });
});
