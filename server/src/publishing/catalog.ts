import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadCatalogIndex } from '#shared/catalog/catalog-index';
import { loadProcedureForm } from '#shared/catalog/form-schema';
import type { PublishedRecord } from '../sync/publish';

/** One `catalogProcedure` record per procedure of a catalog folder laid out like `assets/catalog`. */
export async function catalogRecords(dir: string): Promise<PublishedRecord[]> {
  const index = loadCatalogIndex(JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')));
  return Promise.all(
    index.procedures.map(async (entry) => ({
      type: 'catalogProcedure',
      id: entry.id,
      content: {
        retired: false,
        entry,
        form: loadProcedureForm(JSON.parse(await readFile(join(dir, entry.file), 'utf8'))),
      },
    })),
  );
}
