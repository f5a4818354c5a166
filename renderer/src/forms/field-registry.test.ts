import { describe, expect, it } from 'vitest';
import { FIELD_TYPES } from '#shared/catalog/form-schema';
import { FIELD_REGISTRY } from './field-registry';

describe('FIELD_REGISTRY', () => {
  it('has a component for every field type of the catalog schema, and nothing else', () => {
    expect(Object.keys(FIELD_REGISTRY).sort()).toEqual([...FIELD_TYPES].sort());
    for (const type of FIELD_TYPES) expect(typeof FIELD_REGISTRY[type]).toBe('function');
  });
});
