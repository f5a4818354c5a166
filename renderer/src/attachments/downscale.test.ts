import { describe, expect, it } from 'vitest';
import { firstThatFits, fitWithin, MAX_PHOTO_SIDE } from './downscale';

describe('fitWithin', () => {
  it('scales the longest side down to the limit and keeps the proportions', () => {
    expect(fitWithin({ width: 4000, height: 3000 })).toEqual({ width: MAX_PHOTO_SIDE, height: 1200 });
    expect(fitWithin({ width: 2448, height: 3264 })).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin({ width: 1920, height: 1080 }, 1600)).toEqual({ width: 1600, height: 900 });
  });

  it('never enlarges a small picture and never reaches zero', () => {
    expect(fitWithin({ width: 640, height: 480 })).toEqual({ width: 640, height: 480 });
    expect(fitWithin({ width: 10_000, height: 2 }, 1600)).toEqual({ width: 1600, height: 1 });
    expect(fitWithin({ width: 0, height: 0 })).toEqual({ width: 0, height: 0 });
  });
});

describe('firstThatFits', () => {
  const encoder = (sizes: Record<number, number>) => async (quality: number) =>
    new Blob([new Uint8Array(sizes[quality]!)]);

  it('keeps the best quality that fits the server’s limit', async () => {
    const encode = encoder({ 0.8: 900, 0.6: 500 });
    expect(await firstThatFits(encode, 1000)).toMatchObject({ fits: true, blob: { size: 900 } });
    expect(await firstThatFits(encode, 600)).toMatchObject({ fits: true, blob: { size: 500 } });
    expect(await firstThatFits(encode, null)).toMatchObject({ fits: true, blob: { size: 900 } });
  });

  it('reports the smallest size reached when nothing fits', async () => {
    expect(await firstThatFits(encoder({ 0.8: 900, 0.6: 500 }), 100)).toEqual({ fits: false, smallest: 500 });
  });
});
