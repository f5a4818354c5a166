import path from 'node:path';
import { z } from 'zod';
import { kioskConfigSchema, type KioskConfig } from './kiosk-config';
import { errorCode, messageOf } from '../errors/node-error';

export const KIOSK_CONFIG_FILE_NAME = 'kiosk-config.json';
/** Overrides the config file location (e.g. a path IT deploys to on every kiosk). */
export const KIOSK_CONFIG_ENV = 'DVC_KIOSK_CONFIG';
/** Development only (ignored when packaged): the server `npm start` has just started. */
export const DEV_SERVER_URL_ENV = 'DVC_SERVER_URL';

export type KioskConfigErrorCode = 'not-found' | 'unreadable' | 'invalid-json' | 'invalid';

export class KioskConfigError extends Error {
  constructor(
    readonly code: KioskConfigErrorCode,
    readonly filePath: string,
    readonly details: string,
  ) {
    super(`Kiosk configuration ${filePath}: ${code}: ${details}`);
    this.name = 'KioskConfigError';
  }
}

/** `$DVC_KIOSK_CONFIG` if set, else `<userData>/kiosk-config.json`. */
export function locateKioskConfig(
  env: Readonly<Record<string, string | undefined>>,
  userDataDir: string,
): string {
  const override = env[KIOSK_CONFIG_ENV]?.trim();
  return override ? path.resolve(override) : path.join(userDataDir, KIOSK_CONFIG_FILE_NAME);
}

export function parseKioskConfig(json: unknown, filePath: string): KioskConfig {
  const result = kioskConfigSchema.safeParse(json);
  if (!result.success) throw new KioskConfigError('invalid', filePath, z.prettifyError(result.error));
  return result.data;
}

export async function loadKioskConfig(
  filePath: string,
  readFile: (filePath: string, encoding: 'utf8') => Promise<string>,
): Promise<KioskConfig> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') {
      throw new KioskConfigError('not-found', filePath, `no file at ${filePath}`);
    }
    throw new KioskConfigError('unreadable', filePath, messageOf(error));
  }
  let json: unknown;
  try {
    // Notepad on Windows may save UTF-8 with a byte-order mark.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new KioskConfigError('invalid-json', filePath, messageOf(error));
  }
  return parseKioskConfig(json, filePath);
}

export interface ShellConfigSource {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly userDataDir: string;
  readonly isPackaged: boolean;
  readonly readFile: (filePath: string, encoding: 'utf8') => Promise<string>;
}

/**
 * The configuration the shell runs with: the config file, except that an unpackaged run launched with
 * DVC_SERVER_URL talks to that server (and, without a config file, runs windowed so a developer can
 * close it). A packaged kiosk ignores the variable: its server is what IT configured.
 */
export async function loadShellConfig(source: ShellConfigSource): Promise<KioskConfig> {
  const filePath = locateKioskConfig(source.env, source.userDataDir);
  const devServerUrl = source.isPackaged ? undefined : source.env[DEV_SERVER_URL_ENV]?.trim() || undefined;
  if (devServerUrl === undefined) return loadKioskConfig(filePath, source.readFile);
  let fromFile: KioskConfig | null = null;
  try {
    fromFile = await loadKioskConfig(filePath, source.readFile);
  } catch (error) {
    if (!(error instanceof KioskConfigError && error.code === 'not-found')) throw error;
  }
  const label = `${DEV_SERVER_URL_ENV} (development)`;
  return fromFile === null
    ? parseKioskConfig({ serverUrl: devServerUrl, kioskMode: false }, label)
    : parseKioskConfig({ ...fromFile, serverUrl: devServerUrl }, label);
}

export interface ShellOptions {
  readonly serverUrl: string;
  readonly kiosk: boolean;
  readonly printerDeviceName: string | undefined;
  readonly devTools: boolean;
}

/** What the shell actually does with a config: DevTools never open in a packaged build. */
export function resolveShellOptions(
  config: KioskConfig,
  runtime: { readonly isPackaged: boolean },
): ShellOptions {
  return {
    serverUrl: config.serverUrl,
    kiosk: config.kioskMode,
    printerDeviceName: config.printerDeviceName,
    devTools: config.devTools && !runtime.isPackaged,
  };
}
