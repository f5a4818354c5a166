import path from 'node:path';
import { build, type BuildOptions, type Metafile } from 'esbuild';

export interface BundleShellOptions {
  /** The repository root (where package.json and electron/ are). */
  readonly repoRoot: string;
  readonly outDir: string;
}

export interface BundleShellResult {
  readonly mainFile: string;
  readonly preloadFile: string;
}

/** What a bundle still requires at run time. */
export function externalImports(metafile: Metafile): string[] {
  const paths = Object.values(metafile.outputs).flatMap((output) =>
    output.imports.filter((entry) => entry.external).map((entry) => entry.path),
  );
  return [...new Set(paths)].sort();
}

/**
 * Bundles the main process and the preload into single CommonJS files. Only `electron` stays
 * external. A sandboxed preload may require nothing else, so the build fails if it would.
 */
export async function bundleShell(options: BundleShellOptions): Promise<BundleShellResult> {
  const mainFile = path.join(options.outDir, 'main.cjs');
  const preloadFile = path.join(options.outDir, 'preload.cjs');
  const common: BuildOptions = {
    absWorkingDir: options.repoRoot,
    tsconfig: path.join(options.repoRoot, 'electron', 'tsconfig.json'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['electron'],
    legalComments: 'none',
    logLevel: 'warning',
  };
  await build({
    ...common,
    entryPoints: [path.join(options.repoRoot, 'electron/src/adapters/main.ts')],
    outfile: mainFile,
    target: 'node22',
  });
  const preload = await build({
    ...common,
    entryPoints: [path.join(options.repoRoot, 'electron/src/adapters/preload.ts')],
    outfile: preloadFile,
    target: 'chrome130',
    metafile: true,
  });
  const preloadRequires = externalImports(preload.metafile);
  if (preloadRequires.some((name) => name !== 'electron')) {
    throw new Error(
      `The sandboxed preload may require only 'electron', but requires: ${preloadRequires.join(', ')}`,
    );
  }
  return { mainFile, preloadFile };
}
