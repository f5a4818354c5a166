/** The bench pages the runner built for this run; a page that failed to build carries the reason instead. */
export interface BuiltPages {
  baselineDir: string;
  kiosk: { dir: string } | { error: string };
  app: { dir: string } | { error: string };
}
