/** Longest side of a stored document photo: enough to read an A4 page, small enough for a slow link. */
export const MAX_PHOTO_SIDE = 1600;
/** JPEG qualities tried in turn until the photo fits the server's limit. */
export const JPEG_QUALITIES = [0.8, 0.6] as const;

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** The size to scale `source` to so that its longest side is at most `maxSide`; never enlarged, never 0. */
export function fitWithin(source: Size, maxSide: number = MAX_PHOTO_SIDE): Size {
  const longest = Math.max(source.width, source.height);
  if (longest <= maxSide || longest === 0) return { width: source.width, height: source.height };
  const scale = maxSide / longest;
  return {
    width: Math.max(1, Math.round(source.width * scale)),
    height: Math.max(1, Math.round(source.height * scale)),
  };
}

/** Picks the first encoding whose size fits `maxBytes` (all fit when there is no limit). */
export async function firstThatFits(
  encode: (quality: number) => Promise<Blob>,
  maxBytes: number | null,
  qualities: readonly number[] = JPEG_QUALITIES,
): Promise<{ blob: Blob; fits: true } | { smallest: number; fits: false }> {
  let smallest = Infinity;
  for (const quality of qualities) {
    const blob = await encode(quality);
    if (maxBytes === null || blob.size <= maxBytes) return { blob, fits: true };
    smallest = Math.min(smallest, blob.size);
  }
  return { smallest, fits: false };
}

/**
 * Takes the current frame of the camera, scaled on the device to MAX_PHOTO_SIDE, as a JPEG that fits the
 * server's limit if any quality does.
 */
export async function capturePhoto(video: HTMLVideoElement, maxBytes: number | null) {
  const size = fitWithin({ width: video.videoWidth, height: video.videoHeight });
  const canvas = newCanvas(size);
  const context = canvas.getContext('2d') as
    CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!context) throw new Error('no 2D canvas');
  context.drawImage(video, 0, 0, size.width, size.height);
  return firstThatFits((quality) => toJpeg(canvas, quality), maxBytes);
}

function newCanvas(size: Size): OffscreenCanvas | HTMLCanvasElement {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(size.width, size.height);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  return canvas;
}

function toJpeg(canvas: OffscreenCanvas | HTMLCanvasElement, quality: number): Promise<Blob> {
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type: 'image/jpeg', quality });
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('JPEG encoding failed'))),
      'image/jpeg',
      quality,
    ),
  );
}
