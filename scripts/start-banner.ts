/** What `npm start` prints once the server is up: where things are, then — last — what to do next. */
export interface StartFacts {
  readonly url: string;
  /** The folder of the SQLite database, or null on PostgreSQL (DATABASE_URL). */
  readonly dataDir: string | null;
  readonly pointId: string;
  readonly pointName: string;
  /** The demo point's one-time codes, printed on the first run only. */
  readonly codes: readonly string[] | null;
  /** Why the Electron shell was not opened, or null when it was. */
  readonly noShellReason: string | null;
}

/** A command that issues new codes against the same database as this server. */
export function issueCodesCommand(facts: Pick<StartFacts, 'dataDir' | 'pointId'>): string {
  const where =
    facts.dataDir === null ? 'DATABASE_URL=<the same URL>' : `DVC_DATA_DIR=${quote(facts.dataDir)}`;
  return `${where} npx tsx server/src/cli.ts issue-codes ${facts.pointId} 2`;
}

const quote = (p: string) => (/^[\w/.:-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`);

export function startBanner(facts: StartFacts): string {
  const lines = [
    '',
    'dvc-kiosk is running.',
    `  Sync server API:  ${facts.url}/api/v1   (health: ${facts.url}/healthz)`,
    `  Database:         ${facts.dataDir === null ? 'PostgreSQL (DATABASE_URL)' : `SQLite in ${facts.dataDir}`}`,
    `  Demo point:       ${facts.pointName}`,
  ];
  if (facts.noShellReason) lines.push(`  Desktop shell:    not opened (${facts.noShellReason})`);
  lines.push('', 'Next:');
  const open = facts.noShellReason
    ? `  1. Open ${facts.url}/ in Chromium (for a kiosk screen: chromium --kiosk --app=${facts.url}/).`
    : `  1. The kiosk shell is opening; in a browser, the kiosk is at ${facts.url}/ too.`;
  lines.push(open);
  if (facts.codes) {
    lines.push(`  2. Type a PC's one-time code there (shown only now; the server keeps only their hashes):`);
    facts.codes.forEach((code, i) => lines.push(`       PC ${i + 1}: ${code}`));
  } else {
    lines.push(
      "  2. Type a PC's one-time code there. This database already printed its codes; new ones:",
      `       ${issueCodesCommand(facts)}`,
    );
  }
  lines.push('  Press Ctrl+C to stop the server.');
  return lines.join('\n');
}
