import { z } from 'zod';
import { Authority, I18nKey, ProcedureId, parseCatalogData } from './form-schema';

/** assets/catalog/index.json: the procedures available, enough to list and search them without loading every form. */
export const CatalogIndexEntry = z.object({
  id: ProcedureId,
  /** Path of the form file, relative to the catalog root. */
  file: z.string().regex(/^[a-z0-9-]+(\/[a-z0-9-]+)*\.json$/, 'must be a relative path to a .json file'),
  authority: Authority,
  titleKey: I18nKey,
  legalNameVi: z.string().min(1).max(300),
  formCode: z.string().min(1).max(20).optional(),
});
export type CatalogIndexEntry = z.infer<typeof CatalogIndexEntry>;

export const CatalogIndex = z.object({ procedures: z.array(CatalogIndexEntry) }).superRefine((index, ctx) => {
  const ids = index.procedures.map((p) => p.id);
  const dups = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (dups.length > 0)
    ctx.addIssue({ code: 'custom', path: ['procedures'], message: `duplicate ids: ${dups.join(', ')}` });
});
export type CatalogIndex = z.infer<typeof CatalogIndex>;

export const loadCatalogIndex = (json: unknown): CatalogIndex =>
  parseCatalogData(CatalogIndex, json, 'Catalog index');
