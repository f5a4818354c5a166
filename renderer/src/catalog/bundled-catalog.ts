import { loadCatalogIndex, type CatalogIndexEntry } from '#shared/catalog/catalog-index';
import { loadProcedureForm, type ProcedureForm } from '#shared/catalog/form-schema';
import { hash64, toHex } from '#shared/digest/hash64';

/** The catalog shipped with the app: the index and every procedure form it lists, checked by the shared schemas. */
export interface Catalog {
  readonly procedures: readonly CatalogIndexEntry[];
  form(procedureId: string): ProcedureForm | null;
}

// Globs rather than JSON imports: the files are data (replaced by the server's catalog later), not code.
const files = import.meta.glob<unknown>(
  ['../../../assets/catalog/index.json', '../../../assets/catalog/procedures/*.json'],
  {
    eager: true,
    import: 'default',
  },
);

export function bundledCatalog(): Catalog {
  const index = loadCatalogIndex(files['../../../assets/catalog/index.json']);
  const forms = new Map<string, ProcedureForm>();
  for (const entry of index.procedures) {
    const json = files[`../../../assets/catalog/${entry.file}`];
    if (json !== undefined) forms.set(entry.id, loadProcedureForm(json));
  }
  return {
    procedures: index.procedures.filter((p) => forms.has(p.id)),
    form: (procedureId) => forms.get(procedureId) ?? null,
  };
}

/** The shipped catalog's version, recorded by dossiers started before a catalog was pulled: a hash of its files. */
export const BUNDLED_CATALOG_VERSION = `bundled:${toHex(
  hash64(JSON.stringify(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)))),
)}`;
