import { z } from 'zod';

/*
 * A procedure's form is data (architecture: Forms): steps of typed fields whose labels are keys in the i18n
 * namespace `catalog`. The catalog is published by the server, so every file is parsed with these schemas
 * before use, on the server and on the kiosk.
 */

export const FIELD_TYPES = [
  'text',
  'name',
  'date',
  'personalId',
  'phone',
  'email',
  'select',
  'textarea',
  'group',
  'attachment',
] as const;
export const FieldType = z.enum(FIELD_TYPES);
export type FieldType = z.infer<typeof FieldType>;

/** camelCase, no dots: a field id is one segment of a draft's FieldPath (`members.<rowId>.fullName`). */
export const FieldId = z
  .string()
  .max(64)
  .regex(/^[a-z][a-zA-Z0-9]*$/, 'must be camelCase letters and digits (no dots)');

/** An i18next key: dot-separated segments, never the namespace separator ':'. */
export const I18nKey = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, 'must be dot-separated words without ":"');

export const SelectOption = z.object({ value: z.string().min(1).max(100), labelKey: I18nKey });
export type SelectOption = z.infer<typeof SelectOption>;

/** Cross-checks of a personalId field against sibling fields (ids in the same step list or group row). */
export const FieldChecks = z.object({ birthDateField: FieldId.optional(), genderField: FieldId.optional() });
export type FieldChecks = z.infer<typeof FieldChecks>;

export interface Field {
  id: string;
  type: FieldType;
  required?: boolean;
  labelKey: string;
  hintKey?: string;
  /** select only. */
  options?: SelectOption[];
  /** group only: the fields of one repeating row (e.g. one household member). */
  fields?: Field[];
  /** group only. */
  maxRows?: number;
  /** personalId only. */
  checks?: FieldChecks;
  maxLength?: number;
}

const duplicates = (ids: readonly string[]) => ids.filter((id, i) => ids.indexOf(id) !== i);

export const Field: z.ZodType<Field> = z
  .object({
    id: FieldId,
    type: FieldType,
    required: z.boolean().optional(),
    labelKey: I18nKey,
    hintKey: I18nKey.optional(),
    options: z.array(SelectOption).min(1).optional(),
    fields: z.lazy(() => z.array(Field).min(1)).optional(),
    maxRows: z.int().min(1).max(100).optional(),
    checks: FieldChecks.optional(),
    maxLength: z.int().min(1).max(20_000).optional(),
  })
  .superRefine((field, ctx) => {
    const problem = (message: string, path: string) =>
      ctx.addIssue({ code: 'custom', message, path: [path] });
    if ((field.type === 'select') !== (field.options !== undefined)) {
      problem('a select field, and only a select field, has options', 'options');
    }
    const optionDups = duplicates(field.options?.map((o) => o.value) ?? []);
    if (optionDups.length > 0) problem(`duplicate option values: ${optionDups.join(', ')}`, 'options');
    if ((field.type === 'group') !== (field.fields !== undefined)) {
      problem('a group field, and only a group field, has fields', 'fields');
    }
    if (field.type !== 'group' && field.maxRows !== undefined) problem('only a group has maxRows', 'maxRows');
    // A draft's FieldPath has one level of rows, so groups do not nest.
    if (field.fields?.some((f) => f.type === 'group')) problem('groups cannot contain groups', 'fields');
    const childDups = duplicates(field.fields?.map((f) => f.id) ?? []);
    if (childDups.length > 0) problem(`duplicate field ids: ${childDups.join(', ')}`, 'fields');
    if (field.type !== 'personalId' && field.checks !== undefined)
      problem('only a personalId has checks', 'checks');
    if (field.fields) checkCrossReferences(field.fields, ctx, ['fields']);
  });

export const Step = z.object({ id: FieldId, titleKey: I18nKey, fields: z.array(Field).min(1) });
export type Step = z.infer<typeof Step>;

export const Authority = z.enum(['police', 'people-committee']);
export type Authority = z.infer<typeof Authority>;

export const ProcedureId = z
  .string()
  .max(100)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by "-"');

export const ProcedureForm = z
  .object({
    id: ProcedureId,
    authority: Authority,
    titleKey: I18nKey,
    /** The legal name, shown beside its translation because dossiers are filed in Vietnamese. */
    legalNameVi: z.string().min(1).max(300),
    formCode: z.string().min(1).max(20).optional(),
    steps: z.array(Step).min(1),
    /** Confidence tag ([V]/[S]/[M]/[G]) and where the procedure and its fields come from. */
    source: z.string().min(1),
  })
  .superRefine((form, ctx) => {
    const stepDups = duplicates(form.steps.map((s) => s.id));
    if (stepDups.length > 0)
      ctx.addIssue({
        code: 'custom',
        message: `duplicate step ids: ${stepDups.join(', ')}`,
        path: ['steps'],
      });
    // A draft stores top-level values by field id, whatever step shows them: ids are unique form-wide.
    const fields = form.steps.flatMap((s) => s.fields);
    const fieldDups = duplicates(fields.map((f) => f.id));
    if (fieldDups.length > 0)
      ctx.addIssue({
        code: 'custom',
        message: `duplicate field ids: ${fieldDups.join(', ')}`,
        path: ['steps'],
      });
    checkCrossReferences(fields, ctx, ['steps']);
  });
export type ProcedureForm = z.infer<typeof ProcedureForm>;

/** Every personalId check must name a sibling date field and a sibling male/female select. */
function checkCrossReferences(siblings: readonly Field[], ctx: z.RefinementCtx, path: (string | number)[]) {
  const byId = new Map(siblings.map((f) => [f.id, f]));
  for (const field of siblings) {
    const { birthDateField, genderField } = field.checks ?? {};
    if (birthDateField !== undefined && byId.get(birthDateField)?.type !== 'date') {
      ctx.addIssue({
        code: 'custom',
        path,
        message: `${field.id}: checks.birthDateField "${birthDateField}" is not a sibling date field`,
      });
    }
    if (genderField !== undefined) {
      const gender = byId.get(genderField);
      const values = gender?.options?.map((o) => o.value) ?? [];
      if (gender?.type !== 'select' || !values.every((v) => v === 'male' || v === 'female')) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: `${field.id}: checks.genderField "${genderField}" is not a sibling male/female select`,
        });
      }
    }
  }
}

export class CatalogDataError extends Error {
  override name = 'CatalogDataError';
}

/** Parses catalog data with `schema`, or throws a CatalogDataError that lists every problem with its path. */
export function parseCatalogData<T>(schema: z.ZodType<T>, json: unknown, what: string): T {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new CatalogDataError(`${what} is not valid:\n${problems.join('\n')}`);
}

/** Parses a procedure form (e.g. assets/catalog/procedures/ct01-tam-tru.json); throws CatalogDataError. */
export function loadProcedureForm(json: unknown): ProcedureForm {
  const id = typeof json === 'object' && json !== null && 'id' in json ? String(json.id) : 'unknown';
  return parseCatalogData(ProcedureForm, json, `Procedure form "${id}"`);
}
