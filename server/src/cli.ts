import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { PublishedScope } from '#shared/entities/scopes';
import { createAdmin } from './admin/index';
import { configFromEnv } from './config';
import { openDatabase } from './db/database';
import { runHousekeeping } from './housekeeping/housekeeping';
import { adminUnitRecords } from './publishing/admin-units';
import { catalogRecords } from './publishing/catalog';
import { PublishedRecord, publishRecords } from './sync/publish';

const USAGE = `usage: tsx server/src/cli.ts <command>
  create-point <name> [wardCode]     create a point, print it
  issue-codes <pointId> [n=1]        print n one-time enrollment codes (valid 7 days)
  revoke-device <deviceId>           revoke a device's credential
  list-points                        list points with their active devices
  ensure-demo                        create the demo point (prints its codes the first time)
  housekeeping                       remove partial uploads untouched for a day, delete expired leases
  publish <scope> <file> [pointId]   publish the records of a JSON file ([{ type, id, content }]) to a scope
                                     (catalog, guides, adminUnits; roster needs the pointId)
  publish-catalog <dir>              publish a catalog folder laid out like assets/catalog
  publish-admin-units <merges.json>  publish the administrative units (dvhcvn 2025-07-01 merges.json)
Settings come from DVC_DATA_DIR (DVC_UPLOAD_DIR) or DATABASE_URL, as for the server. A publication from
here reaches kiosks at their next timed pull of published scopes; the running server's own pokes are
not sent from this process.`;

async function run(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === '--help' || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const config = configFromEnv();
  const db = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    await db.migrate();
    const admin = createAdmin(db.kysely);
    const print = (v: unknown) => console.log(JSON.stringify(v, null, 2));
    switch (command) {
      case 'create-point':
        if (!args[0]) break;
        print(await admin.createPoint(args[0], args[1] ?? null));
        return 0;
      case 'issue-codes': {
        if (!args[0]) break;
        const n = args[1] ? Number(args[1]) : 1;
        print(await admin.issueEnrollmentCodes(args[0], n));
        return 0;
      }
      case 'revoke-device':
        if (!args[0]) break;
        if (!(await admin.revokeDevice(args[0]))) {
          console.error(`no device ${args[0]}`);
          return 1;
        }
        print({ revoked: args[0] });
        return 0;
      case 'list-points':
        print(await admin.listPoints());
        return 0;
      case 'ensure-demo':
        print(await admin.ensureDemoPoint());
        return 0;
      case 'publish': {
        if (!args[0] || !args[1]) break;
        const records = z.array(PublishedRecord).parse(JSON.parse(await readFile(args[1], 'utf8')));
        print(await publishRecords(db.kysely, PublishedScope.parse(args[0]), args[2] ?? null, records));
        return 0;
      }
      case 'publish-catalog':
        if (!args[0]) break;
        print(await publishRecords(db.kysely, 'catalog', null, await catalogRecords(args[0])));
        return 0;
      case 'publish-admin-units': {
        if (!args[0]) break;
        const records = adminUnitRecords(JSON.parse(await readFile(args[0], 'utf8')));
        print(await publishRecords(db.kysely, 'adminUnits', null, records));
        return 0;
      }
      case 'housekeeping':
        // No event streams here: a running server announces expiries itself, the kiosks also watch expiresAt.
        print(
          await runHousekeeping({
            db: db.kysely,
            uploadDir: config.uploadDir ?? join(config.dataDir, 'uploads'),
          }),
        );
        return 0;
    }
    console.error(USAGE);
    return 2;
  } finally {
    await db.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error((err as Error).message);
    process.exit(1);
  },
);
