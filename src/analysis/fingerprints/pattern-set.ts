/**
 * Many compiled patterns matched against one text at once: full patterns by one lookup, literals through one
 * Aho–Corasick pass, regexps only when their fragments occur.
 */
import { LiteralIndex } from './literal-index.js';
import type { TextPattern } from './text-pattern.js';

/** A set of (pattern, value) pairs; `match(text)` returns the values whose pattern matches, in insertion order. */
export class PatternSet<T> {
  private readonly index: LiteralIndex;
  /** text → indexes of the `full` patterns equal to it (OONI's DNS fingerprints are mostly full IP addresses). */
  private readonly byText = new Map<string, number[]>();
  /** The longest of them: a longer text is not looked up (hashing a 100 KB body for it cost more than the scan). */
  private longestFull = -1;
  /** literal id → indexes of the patterns that match exactly when it occurs. */
  private readonly byLiteral = new Map<number, number[]>();
  /** regexps with fragments: pattern index and sets of fragment ids, one of which must occur whole. */
  private readonly gated: { at: number; sets: number[][] }[] = [];
  /** patterns tested directly (full, prefix, regexps without usable fragments). */
  private readonly direct: number[] = [];

  /**
   * With a `shared` index (not yet built), several sets register their literals in one automaton so
   * one scan of a body serves them all; the owner builds it and passes the scan to `match`.
   */
  constructor(
    private readonly items: readonly { pattern: TextPattern; value: T }[],
    shared?: LiteralIndex,
  ) {
    this.index = shared ?? new LiteralIndex();
    items.forEach(({ pattern }, at) => {
      if (pattern.type === 'full') {
        this.byText.set(pattern.source, [...(this.byText.get(pattern.source) ?? []), at]);
        this.longestFull = Math.max(this.longestFull, pattern.source.length);
      } else if (pattern.literal !== undefined && pattern.literal !== '') {
        const id = this.index.add(pattern.literal);
        this.byLiteral.set(id, [...(this.byLiteral.get(id) ?? []), at]);
      } else if (pattern.fragments.length > 0) {
        this.gated.push({ at, sets: [pattern.fragments.map((f) => this.index.add(f))] });
      } else if (pattern.anyOf) {
        this.gated.push({ at, sets: pattern.anyOf.map((set) => set.map((f) => this.index.add(f))) });
      } else {
        this.direct.push(at);
      }
    });
    if (!shared) this.index.build();
  }

  /** Values of every pattern matching `text` (regexps see at most MAX_REGEXP_INPUT characters). */
  match(text: string, scanned?: ReadonlySet<number>): T[] {
    if (this.items.length === 0) return [];
    const found = scanned ?? this.index.scan(text);
    const hits = new Set<number>(text.length <= this.longestFull ? this.byText.get(text) : undefined);
    for (const id of found) for (const at of this.byLiteral.get(id) ?? []) hits.add(at);
    for (const g of this.gated) {
      const possible = g.sets.some((set) => set.every((f) => found.has(f)));
      if (possible && this.items[g.at]!.pattern.test(text)) hits.add(g.at);
    }
    for (const at of this.direct) if (this.items[at]!.pattern.test(text)) hits.add(at);
    return [...hits].sort((a, b) => a - b).map((at) => this.items[at]!.value);
  }
}
