import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { Upload } from 'tus-js-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PullResponse } from '#shared/protocol/sync';
import type { Reply } from '../test-support/client';
import type { TestEngine } from '../test-support/engines';
import { WAIT_MS, within } from '../test-support/event-reader';
import { snapshotDb, type TestDevice } from '../test-support/fixtures';
import { startTestServer, type TestServer } from '../test-support/test-server';

const MAX = 256 * 1024;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const codeOf = (res: Reply) => (res.body as { error?: { code: string } }).error?.code;

function encodeMetadata(meta: Record<string, string>): string {
  return Object.entries(meta)
    .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
    .join(',');
}

/** Attachments: tus uploads at /api/v1/uploads, blobs at /api/v1/blobs, and pushes that reference them. */
export function uploadsSuite(makeEngine: () => TestEngine): void {
  let engine: TestEngine;
  let t: TestServer;

  beforeAll(async () => {
    engine = makeEngine();
    t = await startTestServer(engine, { maxUploadBytes: MAX, allowedOrigins: [] });
  });
  afterAll(async () => {
    await t?.close();
    await engine?.dispose();
  });

  /** A raw tus request, for what tus-js-client would hide (offsets, refusals). */
  const tus = (
    method: 'POST' | 'HEAD' | 'PATCH' | 'DELETE',
    path: string,
    token: string | undefined,
    headers: Record<string, string> = {},
    body?: Buffer,
  ) =>
    fetch(new URL(path, t.server.url), {
      method,
      headers: {
        'tus-resumable': '1.0.0',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/offset+octet-stream' } : {}),
        ...headers,
      },
      body,
    });

  const create = async (d: TestDevice, length: number, meta: Record<string, string>) => {
    const res = await tus('POST', '/api/v1/uploads', d.token, {
      'upload-length': String(length),
      'upload-metadata': encodeMetadata(meta),
    });
    return { res, location: res.headers.get('location') ?? '' };
  };
  const patch = (d: TestDevice, location: string, offset: number, bytes: Buffer) =>
    tus('PATCH', location, d.token, { 'upload-offset': String(offset) }, bytes);

  const headBlob = (d: TestDevice, sha: string) => t.call('HEAD', `/api/v1/blobs/${sha}`, { token: d.token });
  const json = async (res: Response) => (await res.json()) as { error: { code: string; message: string } };

  /** Uploads with tus-js-client in Node, in several PATCHes, as a client library would. */
  const uploadWithClient = (d: TestDevice, bytes: Buffer, meta: Record<string, string>) =>
    within(
      new Promise<string>((resolve, reject) => {
        const upload = new Upload(bytes, {
          endpoint: new URL('/api/v1/uploads', t.server.url).href,
          headers: { authorization: `Bearer ${d.token}` },
          metadata: meta,
          chunkSize: 64 * 1024,
          retryDelays: [],
          onError: reject,
          onSuccess: () => resolve(upload.url ?? ''),
        });
        upload.start();
      }),
      'tus-js-client upload',
    );

  async function device(): Promise<TestDevice> {
    const { devices } = await t.point(1);
    if (!devices[0]) throw new Error('device missing');
    return devices[0];
  }

  it('takes a whole upload from tus-js-client, verifies it, and serves it back to the point', async () => {
    const d = await device();
    const bytes = randomBytes(200 * 1024);
    const sha = sha256(bytes);
    const url = await uploadWithClient(d, bytes, {
      sha256: sha,
      draftId: randomUUID(),
      contentType: 'image/jpeg',
    });
    expect(url).toMatch(/\/api\/v1\/uploads\/[0-9a-f]+$/);

    const head = await headBlob(d, sha);
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe('image/jpeg');
    expect(head.headers['content-length']).toBe(String(bytes.length));
    expect(head.headers['x-blob-sha256']).toBe(sha);
    const got = await fetch(new URL(`/api/v1/blobs/${sha}`, t.server.url), {
      headers: { authorization: `Bearer ${d.token}` },
    });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true);

    // Stored once under its hash; nothing left among the partial uploads.
    expect(statSync(join(t.blobDir, sha.slice(0, 2), sha)).size).toBe(bytes.length);
    expect(readdirSync(t.uploadDir)).toEqual([]);
    // The tus upload itself is gone: a HEAD on it says so.
    expect((await tus('HEAD', url, d.token)).status).toBe(404);
  });

  it('resumes an upload whose PATCH was cut halfway, from the offset the server kept', async () => {
    const d = await device();
    const bytes = randomBytes(100 * 1024);
    const half = bytes.length / 2;
    const { res, location } = await create(d, bytes.length, {
      sha256: sha256(bytes),
      draftId: randomUUID(),
      contentType: 'application/pdf',
    });
    expect(res.status).toBe(201);
    const file = join(t.uploadDir, location.split('/').pop() ?? '');

    // Announce the whole rest, send half, wait until the server has written it, then drop the connection.
    await within(
      new Promise<void>((resolve) => {
        const url = new URL(location, t.server.url);
        const req = request(url, {
          method: 'PATCH',
          headers: {
            'tus-resumable': '1.0.0',
            authorization: `Bearer ${d.token}`,
            'content-type': 'application/offset+octet-stream',
            'upload-offset': '0',
            'content-length': String(bytes.length),
          },
        });
        req.on('error', () => resolve());
        req.write(bytes.subarray(0, half));
        const poll = setInterval(() => {
          if (existsSync(file) && statSync(file).size >= half) {
            clearInterval(poll);
            req.destroy();
            resolve();
          }
        }, 10);
      }),
      'first half written',
    );

    const head = await within(
      (async () => {
        for (;;) {
          const r = await tus('HEAD', location, d.token);
          if (r.status === 200) return r;
        }
      })(),
      'HEAD after the cut',
    );
    expect(head.headers.get('upload-offset')).toBe(String(half));
    expect(head.headers.get('upload-length')).toBe(String(bytes.length));

    const rest = await patch(d, location, half, bytes.subarray(half));
    expect(rest.status).toBe(204);
    expect(rest.headers.get('upload-offset')).toBe(String(bytes.length));
    expect((await headBlob(d, sha256(bytes))).status).toBe(200);
  });

  it('refuses an attachment over the limit with 413 PAYLOAD_TOO_LARGE before any byte is sent', async () => {
    const d = await device();
    const { res } = await create(d, MAX + 1, {
      sha256: sha256(Buffer.from('x')),
      draftId: randomUUID(),
      contentType: 'image/png',
    });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await json(res);
    expect(body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(body.error.message).toContain(String(MAX));
    expect(existsSync(t.uploadDir) ? readdirSync(t.uploadDir) : []).toEqual([]);
  });

  it('refuses bytes that do not match their sha256, and keeps nothing of them', async () => {
    const d = await device();
    const bytes = randomBytes(10_000);
    const claimed = sha256(Buffer.from('something else'));
    const { location } = await create(d, bytes.length, {
      sha256: claimed,
      draftId: randomUUID(),
      contentType: 'image/webp',
    });
    const res = await patch(d, location, 0, bytes);
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe('VALIDATION_FAILED');
    expect((await headBlob(d, claimed)).status).toBe(404);
    expect((await headBlob(d, sha256(bytes))).status).toBe(404);
    expect(readdirSync(t.uploadDir)).toEqual([]);
    expect(existsSync(join(t.blobDir, claimed.slice(0, 2), claimed))).toBe(false);
  });

  it('refuses missing or malformed metadata and a deferred length with 400, creating nothing', async () => {
    const d = await device();
    const good = { sha256: sha256(Buffer.from('a')), draftId: randomUUID(), contentType: 'image/jpeg' };
    for (const meta of [
      {},
      { ...good, sha256: 'nope' },
      { ...good, contentType: 'text/html' },
      { ...good, draftId: 'x' },
    ]) {
      const { res } = await create(d, 1, meta);
      expect(res.status).toBe(400);
      expect((await json(res)).error.code).toBe('VALIDATION_FAILED');
    }
    const deferred = await tus('POST', '/api/v1/uploads', d.token, {
      'upload-defer-length': '1',
      'upload-metadata': encodeMetadata(good),
    });
    expect(deferred.status).toBe(400);
    expect(existsSync(t.uploadDir) ? readdirSync(t.uploadDir) : []).toEqual([]);
  });

  it("asks for the bearer token on every tus request, and hides one point's uploads from another", async () => {
    const d = await device();
    const stranger = await device();
    const bytes = randomBytes(1000);
    const meta = { sha256: sha256(bytes), draftId: randomUUID(), contentType: 'image/jpeg' };
    const noAuth = await tus('POST', '/api/v1/uploads', undefined, {
      'upload-length': '1000',
      'upload-metadata': encodeMetadata(meta),
    });
    expect([noAuth.status, (await json(noAuth)).error.code]).toEqual([401, 'UNAUTHENTICATED']);

    const { location } = await create(d, bytes.length, meta);
    for (const method of ['HEAD', 'PATCH', 'DELETE'] as const) {
      expect((await tus(method, location, undefined, { 'upload-offset': '0' })).status).toBe(401);
      const res =
        method === 'PATCH'
          ? await patch(stranger, location, 0, bytes)
          : await tus(method, location, stranger.token);
      expect(res.status).toBe(404);
    }
    expect((await tus('HEAD', location, d.token)).headers.get('upload-offset')).toBe('0');
    expect((await tus('DELETE', location, d.token)).status).toBe(204);
    expect((await tus('HEAD', location, d.token)).status).toBe(404);
  });

  it("keeps blobs per point: another point's blob is not found until that point uploads the bytes itself", async () => {
    const a = await device();
    const b = await device();
    const bytes = randomBytes(5000);
    const sha = sha256(bytes);
    await uploadWithClient(a, bytes, { sha256: sha, draftId: randomUUID(), contentType: 'image/png' });
    expect((await headBlob(a, sha)).status).toBe(200);
    const hidden = await headBlob(b, sha);
    expect(hidden.status).toBe(404);
    const get = await t.call('GET', `/api/v1/blobs/${sha}`, { token: b.token });
    expect([get.status, codeOf(get)]).toEqual([404, 'NOT_FOUND']);

    await uploadWithClient(b, bytes, { sha256: sha, draftId: randomUUID(), contentType: 'image/png' });
    expect((await headBlob(b, sha)).status).toBe(200);
    expect(readdirSync(join(t.blobDir, sha.slice(0, 2))).filter((n) => n === sha)).toHaveLength(1);
    const rows = await t.server.db.kysely
      .selectFrom('blobs')
      .select('point_id')
      .where('sha256', '=', sha)
      .execute();
    expect(rows).toHaveLength(2);
  });

  it('refuses a push naming a blob the point lacks with 409 BLOB_MISSING, writing nothing; after the upload it goes through', async () => {
    const { devices } = await t.point(1);
    const [pc] = devices;
    const other = await device();
    if (!pc) throw new Error('device missing');
    const bytes = randomBytes(3000);
    const sha = sha256(bytes);
    // Another point having the bytes does not count.
    await uploadWithClient(other, bytes, { sha256: sha, draftId: randomUUID(), contentType: 'image/jpeg' });
    const draftId = randomUUID();
    const photo = pc.ops.set(draftId, 'photo', `blob:${sha}`);
    const ops = [pc.ops.create(draftId), { ...photo, body: { ...photo.body, blob: sha } }];

    const before = await snapshotDb(t.server.db);
    const refused = await t.push(pc, ops);
    expect([refused.status, codeOf(refused)]).toEqual([409, 'BLOB_MISSING']);
    expect(await snapshotDb(t.server.db)).toEqual(before);

    await uploadWithClient(pc, bytes, { sha256: sha, draftId, contentType: 'image/jpeg' });
    expect((await t.push(pc, ops)).status).toBe(200);
    const pulled = PullResponse.parse((await t.call('GET', '/api/v1/sync/pull', { token: pc.token })).body);
    expect(pulled.ops.map((p) => p.op)).toContainEqual(
      expect.objectContaining({ body: expect.objectContaining({ kind: 'set', blob: sha }) }),
    );
  });

  it('lets the shell origin use tus across origins (preflight and exposed headers)', async () => {
    const d = await device();
    const pre = await t.call('OPTIONS', '/api/v1/uploads/abc', {
      headers: {
        origin: 'app://kiosk',
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization,tus-resumable,upload-offset,content-type',
      },
    });
    expect(pre.status).toBeLessThan(300);
    expect(pre.headers['access-control-allow-origin']).toBe('app://kiosk');
    expect(pre.headers['access-control-allow-methods']).toContain('PATCH');
    expect(pre.headers['access-control-allow-headers']?.toLowerCase()).toContain('upload-offset');

    const { location } = await create(d, 10, {
      sha256: sha256(Buffer.from('0123456789')),
      draftId: randomUUID(),
      contentType: 'image/jpeg',
    });
    const head = await tus('HEAD', location, d.token, { origin: 'app://kiosk' });
    expect(head.headers.get('access-control-allow-origin')).toBe('app://kiosk');
    expect(head.headers.get('access-control-expose-headers')?.toLowerCase()).toContain('upload-offset');
    const foreign = await tus('HEAD', location, d.token, { origin: 'https://evil.example' });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it(
    'sweeps partial uploads untouched for a day and leaves recent ones',
    async () => {
      const d = await device();
      const meta = () => ({
        sha256: sha256(randomBytes(8)),
        draftId: randomUUID(),
        contentType: 'image/jpeg',
      });
      const stale = await create(d, 100, meta());
      const fresh = await create(d, 100, meta());
      await patch(d, fresh.location, 0, randomBytes(10));
      const id = stale.location.split('/').pop() ?? '';
      const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600_000);
      for (const f of [id, `${id}.json`]) utimesSync(join(t.uploadDir, f), twoDaysAgo, twoDaysAgo);

      const result = await t.server.housekeeping();
      expect(result.uploadsRemoved).toBe(1);
      expect((await tus('HEAD', stale.location, d.token)).status).toBe(404);
      expect((await tus('HEAD', fresh.location, d.token)).headers.get('upload-offset')).toBe('10');
    },
    WAIT_MS * 2,
  );
}
