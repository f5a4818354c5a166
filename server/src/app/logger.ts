import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * The server's structured logger. Request lines are written by the app itself (method, route pattern,
 * status, duration, device and point ids, op counts); bodies, query strings, headers and field values never
 * reach a log line, and the redaction below is a second fence in case one is ever passed by mistake.
 */
export function createLogger(opts: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: opts.level ?? 'info',
      base: { service: 'dvc-kiosk-server' },
      redact: {
        paths: [
          'req.headers',
          'req.body',
          'req.query',
          'headers',
          'body',
          'query',
          'authorization',
          'token',
          'code',
          'ops',
          'value',
          '*.authorization',
          '*.token',
          '*.value',
        ],
        censor: '[redacted]',
      },
    },
    opts.destination,
  );
}
