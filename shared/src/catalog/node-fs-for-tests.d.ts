/*
 * The one Node API shared's tests use (catalog-assets.test.ts reads the asset files). Declared narrowly here
 * instead of loading @types/node into the shared project, which would let non-test shared code use Node
 * globals (process, Buffer) without tsc noticing. Lint still forbids `node:*` imports in non-test code.
 */
declare module 'node:fs' {
  export function readFileSync(path: string, encoding: 'utf8'): string;
}
