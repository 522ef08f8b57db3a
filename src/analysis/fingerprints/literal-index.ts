/** An Aho–Corasick automaton: finds which of thousands of literal strings occur in a text in one pass. */

type Table = Uint16Array | Int32Array;

/** Texts shorter than this are walked in one pass: two halves gain nothing on a short page. */
const TWO_WAY_MIN_CHARS = 4096;

/**
 * Built once from the literals of all fingerprints; `scan` reads a body once, whatever the number of
 * patterns (matching 2,000 patterns one by one over a 500 KiB body took ~10 ms per measurement).
 * The trie is built with a Map per node, then compiled into typed arrays and dropped: the bundled 52,000 nodes
 * held 34 MB as Maps, and a Cyrillic body walked Maps and failure links character by character.
 */
export class LiteralIndex {
  /** Build-time trie: children, failure links, outputs; emptied by `build`. */
  private next: Map<number, number>[] = [new Map()];
  private fail: number[] = [0];
  private out: number[][] = [[]];
  private ids = new Map<string, number>();
  private literals = 0;
  /** The length of the longest literal: how far the first half of a two-way scan runs past the middle. */
  private longest = 0;
  /**
   * The complete automaton (failure links folded in) for ASCII characters, 128 columns per node:
   * one array read per character of a mostly-ASCII body (2 bytes × 128 per node, 13 MB for 52,000 nodes).
   */
  private ascii: Table = new Uint16Array(0);
  /** Non-ASCII characters that occur in some literal, numbered from 1 (0: in none, so back to the root). */
  private readonly wideClass = new Uint16Array(65536);
  private wideClasses = 0;
  /**
   * The complete automaton for those characters, one row per node that has a non-ASCII child (row 0: the root),
   * `wideClasses` columns; a node without such a child moves as the nearest node on its failure path that has
   * one, whose row `wideRow` names. Only about one node in ten has one, so this is a few MB.
   */
  private wide: Table = new Uint16Array(0);
  private wideRow: Int32Array = new Int32Array(0);
  /**
   * Nodes are renumbered so that those where a literal ends come last, from this number on: the scan checks one
   * number per character, not two reads of `outStart` (which took a quarter of the scan).
   */
  private firstOutput = 0;
  /** The ids found on reaching node `firstOutput + n`: `outIds[outStart[n] .. outStart[n + 1]]`. */
  private outStart: Int32Array = new Int32Array(0);
  private outIds: Int32Array = new Int32Array(0);
  private built = false;

  /** Registers a literal (before `build`) and returns its id; the same text gets the same id. */
  add(literal: string): number {
    if (this.built) throw new Error('LiteralIndex: add after build');
    // The root must find nothing (see `firstOutput`); an empty literal occurs in every text anyway.
    if (literal === '') throw new Error('LiteralIndex: empty literal');
    const known = this.ids.get(literal);
    if (known !== undefined) return known;
    const id = this.literals++;
    this.ids.set(literal, id);
    this.longest = Math.max(this.longest, literal.length);
    let node = 0;
    for (let i = 0; i < literal.length; i++) {
      const c = literal.charCodeAt(i);
      if (c >= 128 && this.wideClass[c] === 0) this.wideClass[c] = ++this.wideClasses;
      let child = this.next[node]!.get(c);
      if (child === undefined) {
        child = this.next.length;
        this.next.push(new Map());
        this.fail.push(0);
        this.out.push([]);
        this.next[node]!.set(c, child);
      }
      node = child;
    }
    this.out[node]!.push(id);
    return id;
  }

  /** Computes the failure links (breadth first), merges outputs along them, and compiles the tables. */
  build(): this {
    const { next, fail, out } = this;
    const queue: number[] = [];
    for (const child of next[0]!.values()) queue.push(child);
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head]!;
      for (const [c, child] of next[node]!) {
        queue.push(child);
        let f = fail[node]!;
        while (f !== 0 && !next[f]!.has(c)) f = fail[f]!;
        const target = next[f]!.get(c);
        fail[child] = target !== undefined && target !== child ? target : 0;
        const inherited = out[fail[child]!]!;
        if (inherited.length > 0) out[child] = [...out[child]!, ...inherited];
      }
    }
    const nodes = next.length;
    const order = [0, ...queue];
    const table = (n: number): Table => (nodes < 65536 ? new Uint16Array(n) : new Int32Array(n));
    // New numbers: breadth-first order kept within each part, nodes without output first (the root is 0).
    const id = new Int32Array(nodes);
    let numbered = 0;
    for (const node of order) if (out[node]!.length === 0) id[node] = numbered++;
    const firstOutput = numbered;
    for (const node of order) if (out[node]!.length > 0) id[node] = numbered++;

    // Breadth-first order: a node's failure target is shallower, so its row is already complete.
    const ascii = table(nodes * 128);
    // A row is its failure target's row (copied whole) with the node's own children written over it.
    for (const node of order) {
      const row = id[node]! * 128;
      if (node !== 0) ascii.copyWithin(row, id[fail[node]!]! * 128, id[fail[node]!]! * 128 + 128);
      for (const [c, child] of next[node]!) if (c < 128) ascii[row + c] = id[child]!;
    }

    const k = this.wideClasses;
    const ownRow = new Int32Array(nodes); // by old number
    let rows = 1;
    for (const node of order) {
      if (node !== 0 && [...next[node]!.keys()].some((c) => c >= 128)) ownRow[node] = rows++;
      else if (node !== 0) ownRow[node] = ownRow[fail[node]!]!;
    }
    const wide = table(rows * k);
    for (const node of order) {
      if (node !== 0 && ownRow[node] === ownRow[fail[node]!]) continue;
      const row = ownRow[node]! * k;
      const failRow = ownRow[fail[node]!]! * k;
      if (node !== 0) wide.copyWithin(row, failRow, failRow + k);
      for (const [c, child] of next[node]!) if (c >= 128) wide[row + this.wideClass[c]! - 1] = id[child]!;
    }
    const wideRow = new Int32Array(nodes); // by new number
    for (let node = 0; node < nodes; node++) wideRow[id[node]!] = ownRow[node]!;

    const byNew = new Int32Array(nodes);
    for (let node = 0; node < nodes; node++) byNew[id[node]!] = node;
    const outputs = nodes - firstOutput;
    const outStart = new Int32Array(outputs + 1);
    for (let n = 0; n < outputs; n++) outStart[n + 1] = outStart[n]! + out[byNew[firstOutput + n]!]!.length;
    const outIds = new Int32Array(outStart[outputs]!);
    for (let n = 0; n < outputs; n++) outIds.set(out[byNew[firstOutput + n]!]!, outStart[n]!);

    this.firstOutput = firstOutput;
    this.ascii = ascii;
    this.wide = wide;
    this.wideRow = wideRow;
    this.outStart = outStart;
    this.outIds = outIds;
    this.next = [];
    this.fail = [];
    this.out = [];
    this.ids = new Map();
    this.built = true;
    return this;
  }

  /**
   * The ids of the literals that occur in `text`. A long text is walked as two halves in one loop, one state each:
   * every step of a walk waits for the table read of the step before, and two independent walks overlap those
   * waits (3.1 → 1.5 ns a character in a bare loop). The second half starts at the middle, from the root; the
   * first runs on past the middle by the longest literal less one, so that every occurrence lies whole in one half.
   */
  scan(text: string): Set<number> {
    const found = new Set<number>();
    const n = text.length;
    const mid = n >> 1;
    if (n < TWO_WAY_MIN_CHARS || mid < this.longest) {
      this.walk(text, 0, n, found);
      return found;
    }
    const { ascii, wide, wideRow, wideClass, outStart, outIds, firstOutput } = this;
    const k = this.wideClasses;
    let a = 0;
    let b = 0;
    for (let i = 0, j = mid; j < n; i++, j++) {
      const c = text.charCodeAt(i);
      const d = text.charCodeAt(j);
      if (c < 128) a = ascii[a * 128 + c]!;
      else {
        const cls = wideClass[c]!;
        a = cls === 0 ? 0 : wide[wideRow[a]! * k + cls - 1]!;
      }
      if (d < 128) b = ascii[b * 128 + d]!;
      else {
        const cls = wideClass[d]!;
        b = cls === 0 ? 0 : wide[wideRow[b]! * k + cls - 1]!;
      }
      if (a >= firstOutput) {
        const m = a - firstOutput;
        for (let o = outStart[m]!, end = outStart[m + 1]!; o < end; o++) found.add(outIds[o]!);
      }
      if (b >= firstOutput) {
        const m = b - firstOutput;
        for (let o = outStart[m]!, end = outStart[m + 1]!; o < end; o++) found.add(outIds[o]!);
      }
    }
    // The first half's last stretch past the middle, alone (the loop took it as far as the second half's length).
    this.walk(text, n - mid, Math.min(n, mid + this.longest - 1), found, a);
    return found;
  }

  /** Walks `text[from, to)` from `node`, adding the ids found to `found`. */
  private walk(text: string, from: number, to: number, found: Set<number>, node = 0): void {
    const { ascii, wide, wideRow, wideClass, outStart, outIds, firstOutput } = this;
    const k = this.wideClasses;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c < 128) node = ascii[node * 128 + c]!;
      else {
        const cls = wideClass[c]!;
        node = cls === 0 ? 0 : wide[wideRow[node]! * k + cls - 1]!;
      }
      if (node < firstOutput) continue;
      const n = node - firstOutput;
      for (let o = outStart[n]!, end = outStart[n + 1]!; o < end; o++) found.add(outIds[o]!);
    }
  }
}
