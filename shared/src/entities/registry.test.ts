import { describe, expect, it } from 'vitest';
import { currentFacts, type FactState } from '../merge/facts';
import type { RecordState } from '../merge/server-record';
import type { DraftState } from '../merge/draft-state';
import type { VisitData, ReviewNoteBody } from './point-records';
import { dossierEnvelope, dossierOpOf } from './dossier';
import { applyEntityOp, authorOf, blobOf, Operation, scopeOf, type OperationOf } from './registry';

const DOSSIER = '6f1c2a44-8f4b-4c3e-9a55-1d2e3f4a5b6c';
const VISIT = '0b5e8f7a-3c2d-4e1f-8a9b-7c6d5e4f3a2b';
const stamp = (ms: number, dev = 'pc1') => `${String(ms).padStart(13, '0')}:0000:${dev}`;

function visit(hlc: string, purpose: VisitData['purpose'], supersedes: string[] = []): OperationOf<'visit'> {
  return {
    hlc,
    type: 'visit',
    id: VISIT,
    body: { kind: 'fact', supersedes, data: { startedAt: 1, purpose } },
  };
}

describe('the operation envelope', () => {
  it('carries a dossier edit whole, and turns back into the draft op the merge reads', () => {
    const op = {
      kind: 'set',
      hlc: stamp(5),
      draftId: DOSSIER,
      field: 'fullName',
      value: 'Lê Thị Hoa',
      prev: null,
    } as const;
    const env = Operation.parse(dossierEnvelope(op));
    expect(env).toEqual({
      hlc: stamp(5),
      type: 'dossier',
      id: DOSSIER,
      body: { kind: 'set', field: 'fullName', value: 'Lê Thị Hoa', prev: null },
    });
    expect(env.type === 'dossier' && dossierOpOf(env)).toEqual(op);
    const state = applyEntityOp(undefined, env) as DraftState;
    expect(state.fields.fullName?.value).toBe('Lê Thị Hoa');
  });

  it('refuses a body its type does not declare, and an unknown type', () => {
    expect(
      Operation.safeParse({ hlc: stamp(1), type: 'visit', id: VISIT, body: { kind: 'set' } }).success,
    ).toBe(false);
    expect(Operation.safeParse({ hlc: stamp(1), type: 'queueTicket', id: VISIT, body: {} }).success).toBe(
      false,
    );
  });

  it('knows who may write each body, where it lives and what it references', () => {
    const status = dossierEnvelope({
      kind: 'status',
      hlc: stamp(2),
      draftId: DOSSIER,
      status: 'ready',
      version: 1,
    });
    const note: OperationOf<'reviewNote'> = {
      hlc: stamp(3, 'server'),
      type: 'reviewNote',
      id: VISIT,
      body: {
        version: 1,
        dossierId: DOSSIER,
        author: 'Cán bộ Tư pháp',
        text: 'Thiếu bản sao CCCD',
        resolved: false,
      },
    };
    const photo = dossierEnvelope({
      kind: 'set',
      hlc: stamp(4),
      draftId: DOSSIER,
      field: 'scan',
      value: 'x',
      prev: null,
      blob: 'a'.repeat(64),
    });
    expect([authorOf(status), authorOf(note), authorOf(visit(stamp(1), 'file')), authorOf(photo)]).toEqual([
      'server',
      'server',
      'device',
      'device',
    ]);
    expect([scopeOf(note), blobOf(photo), blobOf(status)]).toEqual(['point', 'a'.repeat(64), undefined]);
  });
});

describe('append-only facts', () => {
  it('applies each fact once, in any order, and a correction supersedes without erasing', () => {
    const first = visit(stamp(10), 'ask');
    const fix = visit(stamp(20, 'pc2'), 'file', [first.hlc]);
    const a = [first, fix, first, fix].reduce<unknown>(
      (s, op) => applyEntityOp(s, op),
      undefined,
    ) as FactState<VisitData>;
    const b = [fix, first].reduce<unknown>(
      (s, op) => applyEntityOp(s, op),
      undefined,
    ) as FactState<VisitData>;
    expect(a).toEqual(b);
    expect(Object.keys(a.facts)).toHaveLength(2);
    expect(currentFacts(a).map((f) => f.data.purpose)).toEqual(['file']);
  });

  it('ignores a claim to supersede a later fact', () => {
    const later = visit(stamp(30), 'ask');
    const forged = visit(stamp(20, 'pc2'), 'collect', [later.hlc]);
    const s = [later, forged].reduce<unknown>(
      (st, op) => applyEntityOp(st, op),
      undefined,
    ) as FactState<VisitData>;
    expect(currentFacts(s)).toHaveLength(2);
  });
});

describe('server-written records', () => {
  it('keep the highest version whatever the order', () => {
    const v = (version: number, ms: number): OperationOf<'reviewNote'> => ({
      hlc: stamp(ms, 'server'),
      type: 'reviewNote',
      id: VISIT,
      body: { version, dossierId: DOSSIER, author: 'A', text: `v${version}`, resolved: version > 1 },
    });
    const one = [v(2, 20), v(1, 10)].reduce<unknown>((s, op) => applyEntityOp(s, op), undefined);
    const two = [v(1, 10), v(2, 20), v(1, 10)].reduce<unknown>((s, op) => applyEntityOp(s, op), undefined);
    expect(one).toEqual(two);
    expect((one as RecordState<ReviewNoteBody>).latest?.body.text).toBe('v2');
  });
});
