import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

export type ElectronBinaryLookup =
  | { readonly path: string; readonly source: 'override' | 'package'; readonly reason?: undefined }
  | { readonly path: null; readonly reason: string };

export interface FindElectronOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly platform?: NodeJS.Platform;
  /** The installed `electron` npm package; found with require.resolve by default. */
  readonly electronPackageDir?: string | null;
  readonly isFile?: (filePath: string) => boolean;
  readonly readText?: (filePath: string) => string | null;
}

const HOW_TO_GET_ONE =
  'Set ELECTRON_OVERRIDE_DIST_PATH to a directory holding an unpacked Electron distribution of the same version, ' +
  'or install the binary on a machine that can reach GitHub releases (npx install-electron).';

/** The executable's path inside a distribution, as the electron package's install.js writes it to path.txt. */
function executableInDist(platform: NodeJS.Platform): string | null {
  switch (platform) {
    case 'darwin':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'linux':
    case 'freebsd':
    case 'openbsd':
      return 'electron';
    case 'win32':
      return 'electron.exe';
    default:
      return null;
  }
}

function defaultPackageDir(): string | null {
  try {
    // Resolving package.json never runs electron's index.js, which would try to download the binary.
    return path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

function defaultIsFile(filePath: string): boolean {
  try {
    return fs.statSync(filePath).isFile();
  } catch {
    return false;
  }
}

function defaultReadText(filePath: string): string | null {
  try {
    return fs.readFileSync(filePath, 'utf8');
  } catch {
    return null;
  }
}

/**
 * Finds an Electron executable that is already on this machine, the way the electron package itself
 * would (ELECTRON_OVERRIDE_DIST_PATH, then node_modules/electron/dist + path.txt), but never downloads
 * one. Returns the path, or null with a plain reason to show the person who ran `npm start`.
 */
export function findElectronBinary(options: FindElectronOptions = {}): ElectronBinaryLookup {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const isFile = options.isFile ?? defaultIsFile;
  const readText = options.readText ?? defaultReadText;
  const packageDir =
    options.electronPackageDir === undefined ? defaultPackageDir() : options.electronPackageDir;

  const recorded = packageDir === null ? null : readText(path.join(packageDir, 'path.txt'))?.trim() || null;
  const executable = recorded ?? executableInDist(platform);

  const override = env.ELECTRON_OVERRIDE_DIST_PATH?.trim();
  if (override) {
    if (executable === null)
      return { path: null, reason: `Electron has no build for platform "${platform}".` };
    const candidate = path.join(override, executable);
    return isFile(candidate)
      ? { path: candidate, source: 'override' }
      : {
          path: null,
          reason: `ELECTRON_OVERRIDE_DIST_PATH is set to ${override}, but there is no Electron executable at ${candidate}.`,
        };
  }

  if (packageDir === null) {
    return {
      path: null,
      reason: `The electron npm package is not installed (run npm install). ${HOW_TO_GET_ONE}`,
    };
  }
  if (recorded === null) {
    return {
      path: null,
      reason: `The Electron binary was never downloaded: ${path.join(packageDir, 'path.txt')} is missing (the electron package here holds only its typings). ${HOW_TO_GET_ONE}`,
    };
  }
  const candidate = path.join(packageDir, 'dist', recorded);
  return isFile(candidate)
    ? { path: candidate, source: 'package' }
    : {
        path: null,
        reason: `path.txt names ${recorded}, but ${candidate} does not exist: the Electron download is incomplete. ${HOW_TO_GET_ONE}`,
      };
}
