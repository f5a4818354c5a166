import { describe, expect, it } from 'vitest';
import type { Field } from '#shared/catalog/form-schema';
import { commitValue, siblingValues } from './commit-value';

const personalId: Field = {
  id: 'personalId',
  type: 'personalId',
  required: true,
  labelKey: 'fields.personalId.label',
  checks: { birthDateField: 'birthDate', genderField: 'gender' },
};
const name: Field = { id: 'fullName', type: 'name', required: true, labelKey: 'fields.fullName.label' };
const birthDate: Field = { id: 'birthDate', type: 'date', labelKey: 'fields.birthDate.label' };
const gender: Field = {
  id: 'gender',
  type: 'select',
  labelKey: 'fields.gender.label',
  options: [
    { value: 'male', labelKey: 'options.gender.male' },
    { value: 'female', labelKey: 'options.gender.female' },
  ],
};

describe('commitValue', () => {
  it('stores a name in NFC with stray spaces removed, keeping its tone-mark placement', () => {
    const decomposed = 'Nguye\u0302\u0303n  Thi\u0323 Hoa\u0300 '.normalize('NFD');
    expect(commitValue(name, decomposed, {})).toEqual({ kind: 'save', value: 'Nguyễn Thị Hoà' });
  });

  it('reports an impossible ID number without producing a value', () => {
    expect(commitValue(personalId, '07919500123', {})).toMatchObject({
      kind: 'invalid',
      issue: { code: 'personalId.length' },
    });
  });

  it('cross-checks the ID number against the birth date and sex beside it', () => {
    const fields = [personalId, birthDate, gender];
    const row = (sex: string) =>
      siblingValues(fields, 'members.r1.', {
        'members.r1.birthDate': '1995-03-01',
        'members.r1.gender': sex,
      });
    // Fourth digit 1: a woman born in the 1900s.
    expect(commitValue(personalId, '079195001234', row('male'))).toMatchObject({
      kind: 'invalid',
      issue: { code: 'personalId.genderMismatch' },
    });
    expect(commitValue(personalId, '079195001234', row('female'))).toEqual({
      kind: 'save',
      value: '079195001234',
    });
  });

  it('stores null when a field is emptied, even a required one (a draft may be incomplete)', () => {
    expect(commitValue(name, '   ', {})).toEqual({ kind: 'save', value: null });
  });
});
