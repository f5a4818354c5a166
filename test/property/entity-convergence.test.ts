import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HlcClock } from '#shared/clock/hlc-clock';
import { dossierEnvelope } from '#shared/entities/dossier';
import { applyEntityOp, entityKey, type Operation } from '#shared/entities/registry';
import type { DraftState } from '#shared/merge/draft-state';
import { currentFacts, type FactState } from '#shared/merge/facts';
import { localSetOp } from '#shared/merge/local-ops';
import type { RecordState } from '#shared/merge/server-record';
import { DEVICES, DRAFT, FIELDS, HOUR, rng, scramble, skewsArb, T0, VALUES } from './sim';

/**
 * Mixed entity types in one log: three skewed devices write a dossier's fields and record append-only facts
 * (visits, survey answers, corrections superseding facts they had seen); the server writes review notes and
 * status changes. Devices receive arbitrary subsets of the log, in any order, with repeats.
 */
const VISITS = ['0b5e8f7a-3c2d-4e1f-8a9b-7c6d5e4f3a2b', '5d6e7f8a-9b0c-4d1e-8f2a-3b4c5d6e7f8a'] as const;
const NOTES = ['a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d'] as const;

type Action =
  | { t: 'field'; dev: number; field: number; value: number }
  | { t: 'visit'; dev: number; visit: number; purpose: number; correct: boolean }
  | { t: 'survey'; dev: number; answer: number }
  | { t: 'note'; note: number; resolved: boolean }
  | { t: 'status' }
  | { t: 'deliver'; dev: number; pick: number[] }
  | { t: 'time'; ms: number };

const dev = fc.nat(DEVICES.length - 1);
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    t: fc.constant('field' as const),
    dev,
    field: fc.nat(FIELDS.length - 1),
    value: fc.nat(VALUES.length - 1),
  }),
  fc.record({
    t: fc.constant('visit' as const),
    dev,
    visit: fc.nat(VISITS.length - 1),
    purpose: fc.nat(3),
    correct: fc.boolean(),
  }),
  fc.record({ t: fc.constant('survey' as const), dev, answer: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ t: fc.constant('note' as const), note: fc.nat(NOTES.length - 1), resolved: fc.boolean() }),
  fc.record({ t: fc.constant('status' as const) }),
  fc.record({ t: fc.constant('deliver' as const), dev, pick: fc.array(fc.nat(), { maxLength: 12 }) }),
  fc.record({ t: fc.constant('time' as const), ms: fc.integer({ min: 0, max: HOUR }) }),
);

const PURPOSES = ['file', 'ask', 'collect', 'guide'] as const;
const STATUSES = ['ready', 'submitted', 'received', 'done'] as const;

type Replica = Map<string, unknown>;

function apply(replica: Replica, op: Operation): void {
  const key = entityKey(op);
  replica.set(key, applyEntityOp(replica.get(key), op));
}

function replay(ops: readonly Operation[]): Replica {
  const replica: Replica = new Map();
  for (const op of ops) apply(replica, op);
  return replica;
}

/** Runs a session; returns the log and each device's replica after it received the whole log, scrambled. */
function run(actions: readonly Action[], skews: readonly number[], seed: number) {
  let trueNow = T0;
  const log: Operation[] = [];
  const devices = DEVICES.map((id, i) => ({
    id,
    clock: new HlcClock(id, () => trueNow + (skews[i] ?? 0)),
    replica: new Map() as Replica,
  }));
  const server = new HlcClock('server', () => trueNow);
  const noteVersions = new Map<string, number>();
  let statusVersion = 0;
  const write = (d: (typeof devices)[number] | null, op: Operation) => {
    log.push(op);
    if (d) apply(d.replica, op);
  };
  const random = rng(seed);
  for (const a of actions) {
    switch (a.t) {
      case 'field': {
        const d = devices[a.dev]!;
        const state = (d.replica.get(entityKey({ type: 'dossier', id: DRAFT })) ?? {
          draftId: DRAFT,
          procedureId: null,
          deletedHlc: null,
          fields: {},
        }) as DraftState;
        write(d, dossierEnvelope(localSetOp(state, FIELDS[a.field]!, VALUES[a.value]!, d.clock)));
        break;
      }
      case 'visit': {
        const d = devices[a.dev]!;
        const id = VISITS[a.visit]!;
        const seen = d.replica.get(entityKey({ type: 'visit', id })) as FactState<unknown> | undefined;
        const supersedes = a.correct && seen ? currentFacts(seen).map((f) => f.hlc) : [];
        write(d, {
          hlc: d.clock.tick(),
          type: 'visit',
          id,
          body: { kind: 'fact', supersedes, data: { startedAt: trueNow, purpose: PURPOSES[a.purpose]! } },
        });
        break;
      }
      case 'survey': {
        const d = devices[a.dev]!;
        write(d, {
          hlc: d.clock.tick(),
          type: 'surveyAnswer',
          id: VISITS[0],
          body: { kind: 'fact', supersedes: [], data: { questionId: 'hai-long', answer: a.answer } },
        });
        break;
      }
      case 'note': {
        const id = NOTES[a.note]!;
        const version = (noteVersions.get(id) ?? 0) + 1;
        noteVersions.set(id, version);
        write(null, {
          hlc: server.tick(),
          type: 'reviewNote',
          id,
          body: {
            version,
            dossierId: DRAFT,
            author: 'Cán bộ Tư pháp',
            text: `Ghi chú ${version}`,
            resolved: a.resolved,
          },
        });
        break;
      }
      case 'status':
        if (statusVersion >= STATUSES.length) break;
        statusVersion += 1;
        write(
          null,
          dossierEnvelope({
            kind: 'status',
            hlc: server.tick(),
            draftId: DRAFT,
            status: STATUSES[statusVersion - 1]!,
            version: statusVersion,
          }),
        );
        break;
      case 'deliver': {
        const d = devices[a.dev]!;
        for (const i of a.pick) {
          const op = log[i % Math.max(log.length, 1)];
          if (!op) continue;
          d.clock.receive(op.hlc);
          apply(d.replica, op);
        }
        break;
      }
      case 'time':
        trueNow += a.ms;
        break;
    }
  }
  for (const d of devices) for (const op of scramble(log, random)) apply(d.replica, op);
  return { log, devices };
}

const canonical = (replica: Replica) => Object.fromEntries([...replica].sort(([a], [b]) => (a < b ? -1 : 1)));

describe('entity-typed operations', () => {
  it('converge on every replica for any interleaving, duplication and clock skew of mixed types', () => {
    fc.assert(
      fc.property(
        fc.array(actionArb, { minLength: 10, maxLength: 80 }),
        skewsArb,
        fc.nat(),
        (actions, skews, seed) => {
          const { log, devices } = run(actions, skews, seed);
          const reference = canonical(replay(log));
          for (const d of devices) expect(canonical(d.replica)).toEqual(reference);
          // A fresh replica fed the log in yet another scrambled order, repeats included, agrees too.
          expect(canonical(replay(scramble(log, rng(seed + 1))))).toEqual(reference);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('apply every append-only fact exactly once, and supersede only what its author had seen', () => {
    fc.assert(
      fc.property(
        fc.array(actionArb, { minLength: 10, maxLength: 80 }),
        skewsArb,
        fc.nat(),
        (actions, skews, seed) => {
          const { log, devices } = run(actions, skews, seed);
          const facts = log.filter((op) => op.type === 'visit' || op.type === 'surveyAnswer');
          for (const d of devices) {
            for (const [key, state] of d.replica) {
              if (!key.startsWith('visit/') && !key.startsWith('surveyAnswer/')) continue;
              const stamps = Object.keys((state as FactState<unknown>).facts).sort();
              const expected = facts
                .filter((op) => entityKey(op) === key)
                .map((op) => op.hlc)
                .sort();
              expect(stamps).toEqual(expected);
              // Applying any of them again changes nothing: not even a new object.
              for (const op of facts.filter((f) => entityKey(f) === key))
                expect(applyEntityOp(state, op)).toBe(state);
            }
          }
          // What stands: each visit's facts that no later fact of someone who had seen them replaced.
          for (const id of VISITS) {
            const state = devices[0]!.replica.get(`visit/${id}`) as FactState<unknown> | undefined;
            if (!state) continue;
            const superseded = new Set(
              facts.flatMap((op) => (op.type === 'visit' && op.id === id ? op.body.supersedes : [])),
            );
            expect(currentFacts(state).map((f) => f.hlc)).toEqual(
              Object.keys(state.facts)
                .filter((h) => !superseded.has(h))
                .sort(),
            );
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('keep the server’s latest version of its records whatever arrives first', () => {
    fc.assert(
      fc.property(
        fc.array(actionArb, { minLength: 10, maxLength: 60 }),
        skewsArb,
        fc.nat(),
        (actions, skews, seed) => {
          const { log, devices } = run(actions, skews, seed);
          for (const id of NOTES) {
            const versions = log.flatMap((op) =>
              op.type === 'reviewNote' && op.id === id ? [op.body.version] : [],
            );
            const state = devices[1]!.replica.get(`reviewNote/${id}`) as
              RecordState<{ version: number }> | undefined;
            expect(state?.latest?.body.version).toBe(versions.length ? Math.max(...versions) : undefined);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
