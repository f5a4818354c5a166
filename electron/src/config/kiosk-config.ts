import { z } from 'zod';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

const serverUrl = z
  .string({
    error: (issue) =>
      issue.input === undefined
        ? 'serverUrl is required, e.g. "https://dvc.example.gov.vn"'
        : 'serverUrl must be a string such as "https://dvc.example.gov.vn"',
  })
  .trim()
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: `serverUrl is not a valid URL: ${JSON.stringify(value)}` });
      return;
    }
    if (url.username !== '' || url.password !== '') {
      ctx.addIssue({ code: 'custom', message: 'serverUrl must not contain a user name or password' });
    }
    if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
      ctx.addIssue({
        code: 'custom',
        message: `serverUrl must use https:// (plain http:// is allowed only for localhost/127.0.0.1/[::1]), got ${url.origin}`,
      });
    } else if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      ctx.addIssue({ code: 'custom', message: `serverUrl must use https://, got ${url.protocol}` });
    }
    if (url.search !== '' || url.hash !== '') {
      ctx.addIssue({ code: 'custom', message: 'serverUrl must not contain a query string or fragment' });
    }
  })
  .transform((value) => new URL(value).href);

/**
 * The point's kiosk configuration file (JSON). Unknown keys are errors, so a typo such as "kioskmode"
 * is reported instead of silently ignored.
 */
export const kioskConfigSchema = z.strictObject({
  /** The sync server; https required except for a loopback server during development. */
  serverUrl,
  /** Full-screen kiosk window that cannot be left. Off only for a technician's maintenance session. */
  kioskMode: z.boolean({ error: 'kioskMode must be true or false' }).default(true),
  /** The system name of the point's printer; omitted → the system's default printer. */
  printerDeviceName: z
    .string({ error: 'printerDeviceName must be a string' })
    .trim()
    .min(1, 'printerDeviceName must not be empty (omit it to use the default printer)')
    .max(256)
    .optional(),
  /** Asks for DevTools; honoured only in an unpackaged (development) run. */
  devTools: z.boolean({ error: 'devTools must be true or false' }).default(false),
});

export type KioskConfig = z.output<typeof kioskConfigSchema>;
