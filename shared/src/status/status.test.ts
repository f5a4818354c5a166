import { describe, expect, it } from 'vitest';
import { decideStatusChange } from '#shared/status/compare-and-set';
import { StatusChangeRequest, StatusChangeResponse } from '#shared/status/messages';
import { rebase } from '#shared/status/rebase';
import { canTransition, nextStatuses, Status, type Status as S } from '#shared/status/status';

const DRAFT = '6f1c2a44-8f4b-4c3e-9a55-1d2e3f4a5b6c';
const HLC = '1749000000000:0000:pc1';

describe('status edges', () => {
  it('allows exactly the documented edges', () => {
    const allowed = Status.options.flatMap((from) =>
      Status.options.filter((to) => canTransition(from, to)).map((to) => `${from}->${to}`),
    );
    expect(allowed.sort()).toEqual(
      [
        'draft->ready',
        'ready->draft',
        'ready->submitted',
        'submitted->received',
        'submitted->needs-more',
        'received->needs-more',
        'received->done',
        'needs-more->ready',
        'needs-more->submitted',
      ].sort(),
    );
    expect(nextStatuses('done')).toEqual([]);
  });

  it('every status is reachable from draft and can reach done', () => {
    const reach = (from: S, step: (s: S) => readonly S[]) => {
      const seen = new Set<S>([from]);
      for (const s of seen) for (const n of step(s)) seen.add(n);
      return seen;
    };
    expect(reach('draft', nextStatuses)).toEqual(new Set(Status.options));
    const preds = (s: S) => Status.options.filter((p) => canTransition(p, s));
    expect(reach('done', preds)).toEqual(new Set(Status.options));
  });
});

describe('status change messages', () => {
  it('parses a request and refuses one whose edge does not exist', () => {
    const req = { draftId: DRAFT, expected: 'ready', next: 'submitted', hlc: HLC };
    expect(StatusChangeRequest.parse(req)).toEqual(req);
    const bad = StatusChangeRequest.safeParse({ ...req, expected: 'draft' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['next']);
    expect(StatusChangeRequest.safeParse({ ...req, next: 'archived' }).success).toBe(false);
  });

  it('parses both answers', () => {
    expect(StatusChangeResponse.parse({ ok: true, status: 'submitted', changed: true }).ok).toBe(true);
    const conflict = { ok: false, code: 'STATUS_CONFLICT', current: 'draft', reason: 'stale' };
    expect(StatusChangeResponse.parse(conflict)).toEqual(conflict);
    expect(StatusChangeResponse.safeParse({ ...conflict, code: 'INTERNAL' }).success).toBe(false);
  });
});

describe('compare-and-set on the server', () => {
  it('applies a change whose expected status holds', () => {
    expect(decideStatusChange('ready', { expected: 'ready', next: 'submitted' })).toEqual({
      ok: true,
      status: 'submitted',
      changed: true,
    });
  });

  it('answers a retry of an applied change with success and no change', () => {
    expect(decideStatusChange('submitted', { expected: 'ready', next: 'submitted' })).toEqual({
      ok: true,
      status: 'submitted',
      changed: false,
    });
  });

  it('rejects a stale or impossible change with the current status', () => {
    const stale = decideStatusChange('draft', { expected: 'ready', next: 'submitted' });
    expect(stale).toMatchObject({ ok: false, code: 'STATUS_CONFLICT', current: 'draft' });
    expect(StatusChangeResponse.parse(stale)).toEqual(stale);
    expect(decideStatusChange('done', { expected: 'done', next: 'draft' })).toMatchObject({
      ok: false,
      current: 'done',
    });
  });
});

describe('rebase of a refused change', () => {
  const pending = (expected: S, next: S) => ({ draftId: DRAFT, expected, next, hlc: HLC });

  it('drops a change that already holds, or a "ready" the dossier has gone past', () => {
    expect(rebase(pending('draft', 'ready'), 'ready')).toEqual({ action: 'drop' });
    expect(rebase(pending('draft', 'ready'), 'submitted')).toEqual({ action: 'drop' });
    expect(rebase(pending('needs-more', 'ready'), 'done')).toEqual({ action: 'drop' });
  });

  it('retries from the server status when the change still moves the dossier forward', () => {
    expect(rebase(pending('needs-more', 'submitted'), 'ready')).toEqual({
      action: 'retry',
      change: pending('ready', 'submitted'),
    });
    expect(rebase(pending('submitted', 'needs-more'), 'received')).toEqual({
      action: 'retry',
      change: pending('received', 'needs-more'),
    });
  });

  it('asks a person when the change would undo or duplicate what another PC recorded', () => {
    expect(rebase(pending('ready', 'draft'), 'submitted')).toEqual({
      action: 'ask',
      local: 'draft',
      server: 'submitted',
    });
    expect(rebase(pending('ready', 'submitted'), 'needs-more')).toEqual({
      action: 'ask',
      local: 'submitted',
      server: 'needs-more',
    });
    expect(rebase(pending('submitted', 'received'), 'needs-more')).toMatchObject({ action: 'ask' });
    expect(rebase(pending('ready', 'submitted'), 'draft')).toMatchObject({ action: 'ask' });
  });

  it('never retries a change the server would refuse', () => {
    for (const expected of Status.options)
      for (const next of Status.options)
        for (const current of Status.options) {
          const d = rebase(pending(expected, next), current);
          if (d.action === 'retry')
            expect(decideStatusChange(current, d.change)).toMatchObject({ ok: true, changed: true });
        }
  });
});
