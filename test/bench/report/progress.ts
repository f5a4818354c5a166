const started = Date.now();

/** One progress line with seconds since the run began, so a slow or stuck phase is visible while it runs. */
export function progress(message: string): void {
  console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}`);
}
