import { describe, expect, it } from 'vitest';
import { CatalogDataError, loadProcedureForm } from './form-schema';
import { loadCatalogIndex } from './catalog-index';

const person = (extra: Record<string, unknown>[] = []) => [
  { id: 'birthDate', type: 'date', labelKey: 'fields.birthDate.label' },
  {
    id: 'gender',
    type: 'select',
    labelKey: 'fields.gender.label',
    options: [
      { value: 'male', labelKey: 'options.gender.male' },
      { value: 'female', labelKey: 'options.gender.female' },
    ],
  },
  ...extra,
];

const formWith = (fields: unknown[]) => ({
  id: 'thu-tuc-mau',
  authority: 'people-committee',
  titleKey: 'procedures.mau.title',
  legalNameVi: 'Thủ tục mẫu',
  source: '[G] test',
  steps: [{ id: 'only', titleKey: 'procedures.mau.steps.only', fields }],
});

const problemsOf = (json: unknown): string => {
  try {
    loadProcedureForm(json);
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogDataError);
    return (error as Error).message;
  }
  throw new Error('expected the form to be refused');
};

describe('loadProcedureForm', () => {
  it('accepts a form whose personalId is cross-checked against its siblings', () => {
    const form = loadProcedureForm(
      formWith(
        person([
          {
            id: 'personalId',
            type: 'personalId',
            labelKey: 'x',
            checks: { birthDateField: 'birthDate', genderField: 'gender' },
          },
        ]),
      ),
    );
    expect(form.steps[0]?.fields).toHaveLength(3);
  });

  it('names the form and the path of each problem', () => {
    const message = problemsOf({
      ...formWith([{ id: 'full.name', type: 'text', labelKey: 'a:b' }]),
      authority: 'court',
    });
    expect(message).toContain('Procedure form "thu-tuc-mau" is not valid');
    expect(message).toContain('authority');
    expect(message).toContain('steps.0.fields.0.id');
    expect(message).toContain('steps.0.fields.0.labelKey');
  });

  it('refuses a select without options and options on other types', () => {
    expect(problemsOf(formWith([{ id: 'kind', type: 'select', labelKey: 'k' }]))).toContain('has options');
    expect(
      problemsOf(
        formWith([{ id: 'kind', type: 'text', labelKey: 'k', options: [{ value: 'a', labelKey: 'k' }] }]),
      ),
    ).toContain('has options');
  });

  it('refuses nested groups and duplicate ids', () => {
    const inner = {
      id: 'inner',
      type: 'group',
      labelKey: 'k',
      fields: [{ id: 'a', type: 'text', labelKey: 'k' }],
    };
    expect(problemsOf(formWith([{ id: 'outer', type: 'group', labelKey: 'k', fields: [inner] }]))).toContain(
      'groups cannot contain groups',
    );
    expect(problemsOf(formWith(person([{ id: 'gender', type: 'text', labelKey: 'k' }])))).toContain(
      'duplicate field ids: gender',
    );
  });

  it('refuses a cross-check that names a missing or wrongly typed sibling', () => {
    const check = (checks: object) =>
      formWith(person([{ id: 'personalId', type: 'personalId', labelKey: 'k', checks }]));
    expect(problemsOf(check({ birthDateField: 'dob' }))).toContain('"dob" is not a sibling date field');
    expect(problemsOf(check({ genderField: 'birthDate' }))).toContain(
      '"birthDate" is not a sibling male/female select',
    );
  });
});

describe('loadCatalogIndex', () => {
  it('refuses duplicate procedures and paths outside the catalog', () => {
    const entry = {
      id: 'a',
      file: 'procedures/a.json',
      authority: 'police',
      titleKey: 't',
      legalNameVi: 'A',
    };
    expect(() => loadCatalogIndex({ procedures: [entry, entry] })).toThrow('duplicate ids: a');
    expect(() => loadCatalogIndex({ procedures: [{ ...entry, file: '../secret.json' }] })).toThrow(
      CatalogDataError,
    );
  });
});
