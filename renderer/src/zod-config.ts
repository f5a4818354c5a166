import { z } from 'zod';

// No eval probing: the page's CSP (server and shell) forbids eval, and the probe would log a violation.
// Imported first by main.tsx, so it runs before any module builds or uses a schema.
z.config({ jitless: true });
