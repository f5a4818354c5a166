import { describe, expect, it } from 'vitest';
import { splitVietnamese } from './vietnamese-fragments';

describe('splitVietnamese', () => {
  it('splits a translation into its own words and the marked Vietnamese ones, in order', () => {
    expect(splitVietnamese('例如：<vi>Chủ hộ</vi>（本人）、<vi>Vợ</vi>（妻）')).toEqual([
      { text: '例如：', vietnamese: false },
      { text: 'Chủ hộ', vietnamese: true },
      { text: '（本人）、', vietnamese: false },
      { text: 'Vợ', vietnamese: true },
      { text: '（妻）', vietnamese: false },
    ]);
    expect(splitVietnamese('No Vietnamese here.')).toEqual([
      { text: 'No Vietnamese here.', vietnamese: false },
    ]);
  });
});
