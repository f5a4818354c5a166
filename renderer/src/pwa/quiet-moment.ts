/** What counts as someone using the kiosk. */
const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'input'] as const;

/**
 * Resolves true once nobody has touched the kiosk for `quietMs` — the moment between two residents — or
 * false if `signal` aborts first (the volunteer left the screen that allows it). Every touch restarts the wait.
 */
export function whenQuiet(target: EventTarget, quietMs: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    let timer = setTimeout(done, quietMs);
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(done, quietMs);
    };
    function finish(result: boolean) {
      clearTimeout(timer);
      for (const type of ACTIVITY) target.removeEventListener(type, restart, true);
      signal.removeEventListener('abort', aborted);
      resolve(result);
    }
    function done() {
      finish(true);
    }
    function aborted() {
      finish(false);
    }
    if (signal.aborted) return finish(false);
    for (const type of ACTIVITY) target.addEventListener(type, restart, { capture: true, passive: true });
    signal.addEventListener('abort', aborted);
  });
}
