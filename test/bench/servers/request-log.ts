import type { Logger } from 'pino';
import { createLogger } from '../../../server/src/app/logger';

/** One request as the server's own request log line records it, when its response ended. */
export interface LoggedRequest {
  readonly time: number;
  readonly method: string;
  readonly route: string;
  readonly status: number;
  readonly deviceId: string | undefined;
}

/** The live event stream: one long request, whose messages are not requests of their own. */
export const EVENTS_ROUTE = '/api/v1/events';

/**
 * Counts requests where the server counts them: its pino request lines, read from the logger the server is
 * given. Anything logged at error level is passed on to stderr, so a failing server is not silent.
 */
export class RequestLog {
  private readonly entries: LoggedRequest[] = [];

  readonly logger: Logger = createLogger({
    level: 'info',
    destination: { write: (line: string) => this.take(line) },
  });

  /** Requests whose response ended in [from, to] (ms since epoch), the event stream left out. */
  between(from: number, to: number): LoggedRequest[] {
    return this.entries.filter((e) => e.time >= from && e.time <= to && e.route !== EVENTS_ROUTE);
  }

  private take(line: string): void {
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    if (typeof entry.level === 'number' && entry.level >= 50) process.stderr.write(line);
    if (entry.msg !== 'request') return;
    this.entries.push({
      time: Number(entry.time),
      method: String(entry.method),
      route: String(entry.route),
      status: Number(entry.status),
      deviceId: typeof entry.deviceId === 'string' ? entry.deviceId : undefined,
    });
  }
}

/** "PC 1: 20 POST /api/v1/sync/push, 40 GET /api/v1/sync/pull; PC 2: …" */
export function describeRequests(
  requests: readonly LoggedRequest[],
  names: ReadonlyMap<string, string>,
): string {
  const byDevice = new Map<string, Map<string, number>>();
  for (const r of requests) {
    const who = (r.deviceId && names.get(r.deviceId)) ?? r.deviceId ?? 'no device';
    const routes = byDevice.get(who) ?? new Map<string, number>();
    const key = `${r.method} ${r.route}`;
    routes.set(key, (routes.get(key) ?? 0) + 1);
    byDevice.set(who, routes);
  }
  return [...byDevice.entries()]
    .map(([who, routes]) => `${who}: ${[...routes.entries()].map(([k, n]) => `${n} ${k}`).join(', ')}`)
    .join('; ');
}
