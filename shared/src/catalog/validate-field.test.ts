import { describe, expect, it } from 'vitest';
import { loadProcedureForm } from './form-schema';
import { validateField, validateForm } from './validate-field';

const today = '2026-11-27';

const form = loadProcedureForm({
  id: 'thu-tuc-mau',
  authority: 'police',
  titleKey: 'procedures.mau.title',
  legalNameVi: 'Thủ tục mẫu',
  source: '[G] test form',
  steps: [
    {
      id: 'person',
      titleKey: 'steps.person',
      fields: [
        { id: 'fullName', type: 'name', required: true, labelKey: 'k', maxLength: 20 },
        { id: 'birthDate', type: 'date', required: true, labelKey: 'k' },
        {
          id: 'gender',
          type: 'select',
          required: true,
          labelKey: 'k',
          options: [
            { value: 'male', labelKey: 'k' },
            { value: 'female', labelKey: 'k' },
          ],
        },
        {
          id: 'personalId',
          type: 'personalId',
          required: true,
          labelKey: 'k',
          checks: { birthDateField: 'birthDate', genderField: 'gender' },
        },
        { id: 'phone', type: 'phone', labelKey: 'k' },
        { id: 'note', type: 'textarea', labelKey: 'k', maxLength: 10 },
      ],
    },
    {
      id: 'family',
      titleKey: 'steps.family',
      fields: [
        {
          id: 'members',
          type: 'group',
          labelKey: 'k',
          maxRows: 2,
          fields: [
            { id: 'fullName', type: 'name', required: true, labelKey: 'k' },
            { id: 'birthDate', type: 'date', required: true, labelKey: 'k' },
            {
              id: 'personalId',
              type: 'personalId',
              required: true,
              labelKey: 'k',
              checks: { birthDateField: 'birthDate' },
            },
          ],
        },
      ],
    },
  ],
});

const field = (id: string) => {
  const found = form.steps.flatMap((s) => s.fields).find((f) => f.id === id);
  if (!found) throw new Error(id);
  return found;
};

describe('validateField', () => {
  it('returns null for an empty optional field and "required" for an empty required one', () => {
    expect(validateField(field('phone'), '  ', {})).toEqual({ ok: true, value: null });
    expect(validateField(field('fullName'), '', {})).toEqual({ ok: false, issue: { code: 'required' } });
  });

  it('returns the value to store for each type', () => {
    expect(validateField(field('phone'), '090 123 4567', {})).toEqual({ ok: true, value: '+84901234567' });
    expect(validateField(field('birthDate'), '5/9/1958', {}, { today })).toEqual({
      ok: true,
      value: '1958-09-05',
    });
    expect(validateField(field('fullName'), ' Lê  Văn Tám ', {})).toEqual({ ok: true, value: 'Lê Văn Tám' });
    expect(validateField(field('gender'), 'female', {})).toEqual({ ok: true, value: 'female' });
    expect(validateField(field('gender'), 'nữ', {})).toEqual({
      ok: false,
      issue: { code: 'select.invalid' },
    });
  });

  it('applies the field maxLength', () => {
    expect(validateField(field('note'), 'mười một chữ', {})).toEqual({
      ok: false,
      issue: { code: 'text.tooLong', params: { max: 10, length: 12 } },
    });
    expect(validateField(field('fullName'), 'Nguyễn Thị Minh Khai Hoà', {})).toMatchObject({
      issue: { code: 'text.tooLong' },
    });
  });

  it('cross-checks a personal ID with the birth date and gender typed beside it', () => {
    const id = field('personalId');
    expect(validateField(id, '079215000001', { birthDate: '01/06/2015', gender: 'male' }, { today }).ok).toBe(
      true,
    );
    expect(
      validateField(id, '079215000001', { birthDate: '01/06/2015', gender: 'female' }, { today }),
    ).toMatchObject({
      issue: { code: 'personalId.genderMismatch' },
    });
    expect(validateField(id, '079215000001', { birthDate: '2016-06-01' }, { today })).toMatchObject({
      issue: { code: 'personalId.yearMismatch' },
    });
    // A sibling date that is itself wrong is reported on its own field, not here.
    expect(validateField(id, '079215000001', { birthDate: '31/02/2015' }, { today }).ok).toBe(true);
  });

  it('will not take a group as one value', () => {
    expect(() => validateField(field('members'), 'x', {})).toThrow(TypeError);
  });
});

describe('validateForm', () => {
  const complete = {
    fullName: 'Trần Thị Thủy',
    birthDate: '05/09/1958',
    gender: 'female',
    personalId: '079158012345',
    'members.r1.fullName': 'Lê Văn Tám',
    'members.r1.birthDate': '01/06/2015',
    'members.r1.personalId': '079215000001',
  };

  it('passes a complete draft and returns the normalized values by path', () => {
    const result = validateForm(form, complete, { today });
    expect(result.issues).toEqual({});
    expect(result.ok).toBe(true);
    expect(result.values).toMatchObject({
      birthDate: '1958-09-05',
      phone: null,
      'members.r1.birthDate': '2015-06-01',
      'members.r1.personalId': '079215000001',
    });
  });

  it('reports each problem at its field path, including inside group rows', () => {
    const result = validateForm(
      form,
      {
        ...complete,
        gender: 'male',
        phone: '028 38 123 456',
        'members.r2.fullName': 'Lê Thị Hoà',
        'members.r2.birthDate': '31/02/2020',
        'members.r3.fullName': 'Xóa Rồi',
        'members.r3._deleted': true,
      },
      { today },
    );
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual({
      personalId: { code: 'personalId.genderMismatch', params: { digit: 1 } },
      phone: { code: 'phone.landline' },
      'members.r2.birthDate': { code: 'date.impossible', params: { date: '31/02/2020' } },
      'members.r2.personalId': { code: 'required' },
    });
  });

  it('checks a row that was added and left empty: each required field of it is reported', () => {
    const result = validateForm(form, { ...complete, 'members.r9._deleted': false }, { today });
    expect(result.issues).toMatchObject({
      'members.r9.fullName': { code: 'required' },
      'members.r9.birthDate': { code: 'required' },
      'members.r9.personalId': { code: 'required' },
    });
  });

  it('refuses more rows than the group allows', () => {
    const rows = Object.fromEntries(
      ['a', 'b', 'c'].flatMap((row) => [
        [`members.${row}.fullName`, 'Lê Văn Tám'],
        [`members.${row}.birthDate`, '01/06/2015'],
        [`members.${row}.personalId`, '079215000001'],
      ]),
    );
    expect(validateForm(form, { ...complete, ...rows }, { today }).issues).toEqual({
      members: { code: 'group.tooManyRows', params: { max: 2 } },
    });
  });
});
