/** Numbers the sources a report cites (in order of first citation) and the measurement queries it ran. */
import type { Source } from '../model/assessment.js';
import type { Figure, NumberedSource, QuerySnapshot, Ref } from './report-model.js';

/** One query being recorded: each figure it gives is printed in the appendix and referenced as Qn. */
export interface SnapshotRecorder {
  readonly ref: Ref;
  /** A figure of this query (recorded for the appendix under `label`). */
  figure(label: string, value: number): Figure;
}

export class References {
  private readonly sourceNumbers = new Map<string, number>();
  readonly sources: NumberedSource[] = [];
  readonly snapshots: QuerySnapshot[] = [];

  private readonly known = new Map<string, Source>();

  constructor(known: ReadonlyMap<string, Source> = new Map()) {
    this.know(known);
  }

  /** Adds sources that ids may name (a comparison's parts share one numbering). */
  know(sources: ReadonlyMap<string, Source>): void {
    for (const [id, s] of sources) this.known.set(id, s);
  }

  /** References to the sources, numbered on first citation; a source the store lacks is left out. */
  cite(sources: readonly (Source | string)[]): Ref[] {
    const refs: Ref[] = [];
    for (const s of sources) {
      const source = typeof s === 'string' ? this.known.get(s) : s;
      if (!source) continue;
      let n = this.sourceNumbers.get(source.id);
      if (n === undefined) {
        n = this.sources.length + 1;
        this.sourceNumbers.set(source.id, n);
        this.sources.push({ n, source });
      }
      if (!refs.some((r) => r.n === n)) refs.push({ kind: 'source', n });
    }
    return refs;
  }

  /** A figure backed by sources; null when the value is. */
  figure(value: number | null, sources: readonly (Source | string)[]): Figure | null {
    return value === null ? null : { value, refs: this.cite(sources) };
  }

  /** Starts recording a query's snapshot. */
  query(snapshot: Omit<QuerySnapshot, 'n' | 'figures'>): SnapshotRecorder {
    const s: QuerySnapshot = { ...snapshot, n: this.snapshots.length + 1, figures: [] };
    this.snapshots.push(s);
    const ref: Ref = { kind: 'query', n: s.n };
    return {
      ref,
      figure(label, value) {
        s.figures.push({ label, value });
        return { value, refs: [ref] };
      },
    };
  }
}
