import { describe, expect, it } from 'vitest';
import { groupRowIds, rowsByGroup } from './group-rows';

describe('rowsByGroup', () => {
  it('counts a row that holds only its marker: a row just added exists before anything is typed', () => {
    expect(rowsByGroup({ fullName: 'An', 'members.r1._deleted': false })).toEqual({ members: ['r1'] });
  });

  it('leaves out rows marked removed and sorts rows in the order they were added', () => {
    const values = {
      'members.r2.fullName': 'Chi',
      'members.r1.fullName': 'Bình',
      'members.r3.fullName': 'Xóa',
      'members.r3._deleted': true,
      'children.a._deleted': false,
    };
    expect(rowsByGroup(values)).toEqual({ members: ['r1', 'r2'], children: ['a'] });
    expect(groupRowIds(values, 'members')).toEqual(['r1', 'r2']);
    expect(groupRowIds(values, 'absent')).toEqual([]);
  });

  it('ignores paths that are not row fields', () => {
    expect(rowsByGroup({ fullName: 'An', 'a.b': 'x', 'a.b.c.d': 'y' })).toEqual({});
  });
});
