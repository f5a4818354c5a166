import type { EntityOp, Merge } from '../entities/entity-type';

/** The body of an append-only fact: what it records, and the earlier facts of the entity it replaces. */
export interface FactBody<D> {
  readonly kind: 'fact';
  /** Stamps of facts of the same entity its author had seen and this one corrects; never edited in place. */
  readonly supersedes: readonly string[];
  readonly data: D;
}

/** An entity made of facts: every fact once, by stamp, and which of them were superseded. */
export interface FactState<D> {
  readonly id: string;
  readonly facts: Readonly<Record<string, D>>;
  /** Sorted; may name facts that have not arrived yet (they arrive already superseded). */
  readonly superseded: readonly string[];
}

/**
 * Append-only facts (a visit, a guide outcome, a survey answer). A fact is applied once: its stamp is its
 * id, so a repeat changes nothing. Nothing is ever edited or removed; a correction is a new fact naming the
 * ones it supersedes.
 */
export function factMerge<D>(): Merge<FactBody<D>, FactState<D>> {
  return {
    rule: 'facts',
    empty: (id) => ({ id, facts: {}, superseded: [] }),
    apply(state, op: EntityOp<FactBody<D>>) {
      if (op.id !== state.id) throw new Error('fact for another entity');
      if (Object.hasOwn(state.facts, op.hlc)) return state;
      const superseded = new Set(state.superseded);
      // Only earlier facts can have been seen by the author; anything else is ignored, as in the registers.
      for (const s of op.body.supersedes) if (s < op.hlc) superseded.add(s);
      return {
        id: state.id,
        facts: { ...state.facts, [op.hlc]: op.body.data },
        superseded: [...superseded].sort(),
      };
    },
  };
}

/** The facts that stand (not superseded), oldest first, with their stamps. */
export function currentFacts<D>(state: FactState<D>): { hlc: string; data: D }[] {
  const gone = new Set(state.superseded);
  return Object.keys(state.facts)
    .filter((hlc) => !gone.has(hlc))
    .sort()
    .map((hlc) => ({ hlc, data: state.facts[hlc]! }));
}
