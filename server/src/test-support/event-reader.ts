import { LivePoke } from '#shared/protocol/live';
/** One parsed Server-Sent Event, or a comment line (`: keep-alive`). */
export type StreamItem = { event: string; data: unknown } | { comment: string };

/** How long a test waits for something that should arrive at once; past it the test fails. */
export const WAIT_MS = 5_000;

export interface EventReader {
  status: number;
  headers: Headers;
  /** The next item matching `pred` (items before it are consumed); fails after `ms`. */
  next(pred?: (item: StreamItem) => boolean, ms?: number): Promise<StreamItem>;
  /** The next `event` (not comment) item. */
  nextEvent(name?: string, ms?: number): Promise<{ event: string; data: unknown }>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

function parseBlock(block: string): StreamItem | undefined {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) return { comment: line.slice(1).trim() };
    const [field, ...rest] = line.split(':');
    const value = rest.join(':').replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return data.length ? { event, data: JSON.parse(data.join('\n')) as unknown } : undefined;
}

/** Opens GET /api/v1/events with fetch, as the kiosk does, and parses the stream as it arrives. */
export async function openEvents(baseUrl: string, token: string): Promise<EventReader> {
  const abort = new AbortController();
  const res = await fetch(new URL('/api/v1/events', baseUrl), {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  const items: StreamItem[] = [];
  let wake: (() => void) | undefined;
  let done = false;
  const ended = (async () => {
    if (!res.body) return;
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done: finished } = await reader.read();
        if (finished) break;
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const item = parseBlock(buffer.slice(0, cut));
          buffer = buffer.slice(cut + 2);
          if (item) items.push(item);
        }
        wake?.();
      }
    } catch {
      // Aborted by close().
    } finally {
      done = true;
      wake?.();
    }
  })();

  const next = async (pred: (item: StreamItem) => boolean = () => true, ms = WAIT_MS) => {
    const deadline = Date.now() + ms;
    for (;;) {
      while (items.length) {
        const item = items.shift();
        if (item && pred(item)) return item;
      }
      if (done) throw new Error('event stream ended');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching event within ${ms} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  };

  return {
    status: res.status,
    headers: res.headers,
    next,
    nextEvent: async (name, ms) =>
      (await next((i) => 'event' in i && (name === undefined || i.event === name), ms)) as {
        event: string;
        data: unknown;
      },
    ended,
    close: () => abort.abort(),
  };
}

/** Fails with `what` if `promise` does not settle within `ms`. */
export async function within<T>(promise: Promise<T>, what: string, ms = WAIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** The next `poke` of `scope` on the stream (it opens with one per scope the device follows). */
export async function nextPoke(reader: EventReader, scope = 'point', ms?: number): Promise<LivePoke> {
  const item = await reader.next(
    (i) => 'event' in i && i.event === 'poke' && LivePoke.parse(i.data).scope === scope,
    ms,
  );
  return LivePoke.parse((item as { data: unknown }).data);
}
