import { loadCatalogIndex, type CatalogIndexEntry } from '#shared/catalog/catalog-index';
import { loadProcedureForm, type ProcedureForm } from '#shared/catalog/form-schema';

/** The catalog shipped with the app: the index and every procedure form it lists, checked by the shared schemas. */
export interface Catalog {
  readonly procedures: readonly CatalogIndexEntry[];
  /** The procedure's form once `loadBundledForms()` has resolved (the editor's route waits for it), else null. */
  form(procedureId: string): ProcedureForm | null;
}

// Globs rather than JSON imports: the files are data (replaced by the server's catalog later), not code.
// The index is needed by the first screen; the forms are a chunk of their own, fetched when a form opens.
const ROOT = '../../../assets/catalog/';
const indexFile = import.meta.glob<unknown>('../../../assets/catalog/index.json', {
  eager: true,
  import: 'default',
});
const formFiles = import.meta.glob<unknown>('../../../assets/catalog/procedures/*.json', {
  import: 'default',
});

const forms = new Map<string, ProcedureForm>();
let formsLoaded: Promise<void> | null = null;

/** Loads and checks every bundled form (once); `Catalog.form` answers from then on. */
export function loadBundledForms(): Promise<void> {
  formsLoaded ??= (async () => {
    for (const entry of bundledIndex()) {
      const load = formFiles[`${ROOT}${entry.file}`];
      if (load) forms.set(entry.id, loadProcedureForm(await load()));
    }
  })();
  return formsLoaded;
}

const bundledIndex = (): CatalogIndexEntry[] => loadCatalogIndex(indexFile[`${ROOT}index.json`]).procedures;

export function bundledCatalog(): Catalog {
  return {
    procedures: bundledIndex().filter((p) => `${ROOT}${p.file}` in formFiles),
    form: (procedureId) => forms.get(procedureId) ?? null,
  };
}
