/** An Aho–Corasick automaton: finds which of thousands of literal strings occur in a text in one pass. */

export type Table = Uint16Array | Int32Array;

/** Texts shorter than this are walked in one pass: two halves gain nothing on a short page. */
const TWO_WAY_MIN_CHARS = 4096;

/**
 * Built once from the literals of all fingerprints; `scan` reads a body once, whatever the number of
 * patterns (matching 2,000 patterns one by one over a 500 KiB body took ~10 ms per measurement).
 * The trie is built as child lists, then compiled into typed arrays and dropped: the bundled 52,000 nodes held
 * 34 MB as Maps, and a Cyrillic body walked Maps and failure links character by character.
 */
/**
 * The compiled automaton: all that `scan` reads, and all that an automaton file stores (automaton-file.ts).
 * Node numbers fit the tables' type: Uint16Array below 65,536 nodes, else Int32Array.
 */
export interface AutomatonTables {
  /** The length of the longest literal: how far the first half of a two-way scan runs past the middle. */
  longest: number;
  /**
   * The complete automaton (failure links folded in) for ASCII characters, 128 columns per node:
   * one array read per character of a mostly-ASCII body (2 bytes × 128 per node, 13 MB for 52,000 nodes).
   */
  ascii: Table;
  /** Non-ASCII characters that occur in some literal, numbered from 1 (0: in none, so back to the root). */
  wideClass: Uint16Array;
  wideClasses: number;
  /**
   * The complete automaton for those characters, one row per node that has a non-ASCII child (row 0: the root),
   * `wideClasses` columns; a node without such a child moves as the nearest node on its failure path that has
   * one, whose row `wideRow` names. Only about one node in ten has one, so this is a few MB.
   */
  wide: Table;
  wideRow: Int32Array;
  /**
   * Nodes are renumbered so that those where a literal ends come last, from this number on: the scan checks one
   * number per character, not two reads of `outStart` (which took a quarter of the scan).
   */
  firstOutput: number;
  /** The ids found on reaching node `firstOutput + n`: `outIds[outStart[n] .. outStart[n + 1]]`. */
  outStart: Int32Array;
  outIds: Int32Array;
}

/**
 * Built once from the literals of all fingerprints; `scan` reads a body once, whatever the number of
 * patterns (matching 2,000 patterns one by one over a 500 KiB body took ~10 ms per measurement).
 * The trie is built as child lists, then compiled into typed arrays and dropped: the bundled 52,000 nodes held
 * 34 MB as Maps, and a Cyrillic body walked Maps and failure links character by character.
 * Literals are registered first (`add`), then compiled (`build`) or given their tables compiled before (`adopt`).
 */
export class LiteralIndex {
  private readonly ids = new Map<string, number>();
  /** The literals by id: what compiled tables belong to (automaton-file.ts keys its files by them). */
  private readonly registered: string[] = [];
  private t: AutomatonTables | null = null;

  /** Registers a literal (before `build`) and returns its id; the same text gets the same id. */
  add(literal: string): number {
    if (this.t) throw new Error('LiteralIndex: add after build');
    // The root must find nothing (see `firstOutput`); an empty literal occurs in every text anyway.
    if (literal === '') throw new Error('LiteralIndex: empty literal');
    const known = this.ids.get(literal);
    if (known !== undefined) return known;
    this.ids.set(literal, this.registered.length);
    this.registered.push(literal);
    return this.registered.length - 1;
  }

  /** The literals registered, in id order. */
  get literals(): readonly string[] {
    return this.registered;
  }

  /** The compiled tables (after `build` or `adopt`). */
  get tables(): AutomatonTables {
    if (!this.t) throw new Error('LiteralIndex: not built');
    return this.t;
  }

  /** Takes tables compiled before from the same literals in the same order (automaton-file.ts checks that). */
  adopt(tables: AutomatonTables): this {
    if (this.t) throw new Error('LiteralIndex: already built');
    this.t = tables;
    return this;
  }

  /** Compiles the registered literals. */
  build(): this {
    if (this.t) throw new Error('LiteralIndex: already built');
    this.t = compile(buildTrie(this.registered));
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
    if (n < TWO_WAY_MIN_CHARS || mid < this.tables.longest) {
      this.walk(text, 0, n, found);
      return found;
    }
    const { ascii, wide, wideRow, wideClass, wideClasses: k, outStart, outIds, firstOutput } = this.tables;
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
    this.walk(text, n - mid, Math.min(n, mid + this.tables.longest - 1), found, a);
    return found;
  }

  /** Walks `text[from, to)` from `node`, adding the ids found to `found`. */
  private walk(text: string, from: number, to: number, found: Set<number>, node = 0): void {
    const { ascii, wide, wideRow, wideClass, wideClasses: k, outStart, outIds, firstOutput } = this.tables;
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

/**
 * The trie of the literals: each node's children as a list in insertion order (first and last child, next
 * sibling, the character leading to it) and its outputs. Lists, not a Map per node: the build runs once, mostly
 * before the engine optimizes it, and iterating 52,000 Maps took a third of it.
 */
interface Trie {
  firstChild: number[];
  sibling: number[];
  label: number[];
  out: number[][];
  longest: number;
  wideClass: Uint16Array;
  wideClasses: number;
}

function buildTrie(literals: readonly string[]): Trie {
  const firstChild = [-1];
  const lastChild = [-1];
  const sibling = [-1];
  const label = [0];
  const out: number[][] = [[]];
  const wideClass = new Uint16Array(65536);
  let wideClasses = 0;
  let longest = 0;
  for (const [id, literal] of literals.entries()) {
    longest = Math.max(longest, literal.length);
    let node = 0;
    for (let i = 0; i < literal.length; i++) {
      const c = literal.charCodeAt(i);
      if (c >= 128 && wideClass[c] === 0) wideClass[c] = ++wideClasses;
      let child = firstChild[node]!;
      while (child !== -1 && label[child] !== c) child = sibling[child]!;
      if (child === -1) {
        child = label.length;
        label.push(c);
        firstChild.push(-1);
        lastChild.push(-1);
        sibling.push(-1);
        out.push([]);
        if (lastChild[node] === -1) firstChild[node] = child;
        else sibling[lastChild[node]!] = child;
        lastChild[node] = child;
      }
      node = child;
    }
    out[node]!.push(id);
  }
  return { firstChild, sibling, label, out, longest, wideClass, wideClasses };
}

/**
 * Computes the failure links, merges outputs along them and compiles the tables, in one breadth-first pass: a
 * node's failure target is shallower, so its rows are complete when the node's are written, and a child's failure
 * link is one read of them (walking failure chains through the Maps took half of the build). The tables are then
 * renumbered so that nodes with outputs come last.
 */
function compile(trie: Trie): AutomatonTables {
  const { firstChild, sibling, label, out, wideClass, wideClasses, longest } = trie;
  const nodes = label.length;
  const k = wideClasses;
  const table = (n: number): Table => (nodes < 65536 ? new Uint16Array(n) : new Int32Array(n));
  const order = new Int32Array(nodes);
  let tail = 1;
  for (let head = 0; head < tail; head++) {
    for (let child = firstChild[order[head]!]!; child !== -1; child = sibling[child]!) order[tail++] = child;
  }
  // A wide row of its own for each node with a non-ASCII child (row 0: the root); -1: its failure target's.
  const ownRow = new Int32Array(nodes).fill(-1);
  ownRow[0] = 0;
  let rows = 1;
  for (let h = 1; h < nodes; h++) {
    const node = order[h]!;
    for (let child = firstChild[node]!; child !== -1; child = sibling[child]!) {
      if (label[child]! >= 128) {
        ownRow[node] = rows++;
        break;
      }
    }
  }
  // The complete automaton in the trie's numbering: a row is its failure target's with the node's children over it.
  const fail = new Int32Array(nodes);
  const asciiByOld = table(nodes * 128);
  const wideByOld = table(rows * k);
  for (let h = 0; h < nodes; h++) {
    const node = order[h]!;
    const f = fail[node]!;
    if (node !== 0) asciiByOld.copyWithin(node * 128, f * 128, f * 128 + 128);
    if (ownRow[node] === -1) ownRow[node] = ownRow[f]!;
    else if (node !== 0) wideByOld.copyWithin(ownRow[node]! * k, ownRow[f]! * k, ownRow[f]! * k + k);
    for (let child = firstChild[node]!; child !== -1; child = sibling[child]!) {
      const c = label[child]!;
      if (c < 128) {
        fail[child] = node === 0 ? 0 : asciiByOld[f * 128 + c]!;
        asciiByOld[node * 128 + c] = child;
      } else {
        const at = wideClass[c]! - 1;
        fail[child] = node === 0 ? 0 : wideByOld[ownRow[f]! * k + at]!;
        wideByOld[ownRow[node]! * k + at] = child;
      }
      const inherited = out[fail[child]!]!;
      if (inherited.length > 0) out[child] = [...out[child]!, ...inherited];
    }
  }

  // New numbers: breadth-first order kept within each part, nodes without output first (the root is 0).
  const id = new Int32Array(nodes);
  let numbered = 0;
  for (const node of order) if (out[node]!.length === 0) id[node] = numbered++;
  const firstOutput = numbered;
  for (const node of order) if (out[node]!.length > 0) id[node] = numbered++;
  const byNew = new Int32Array(nodes);
  for (let node = 0; node < nodes; node++) byNew[id[node]!] = node;
  const ascii = table(nodes * 128);
  for (let n = 0; n < nodes; n++) {
    const from = byNew[n]! * 128;
    const to = n * 128;
    for (let c = 0; c < 128; c++) ascii[to + c] = id[asciiByOld[from + c]!]!;
  }
  const wide = table(rows * k);
  for (let i = 0; i < wide.length; i++) wide[i] = id[wideByOld[i]!]!;
  const wideRow = new Int32Array(nodes); // by new number
  for (let node = 0; node < nodes; node++) wideRow[id[node]!] = ownRow[node]!;

  const outputs = nodes - firstOutput;
  const outStart = new Int32Array(outputs + 1);
  for (let n = 0; n < outputs; n++) outStart[n + 1] = outStart[n]! + out[byNew[firstOutput + n]!]!.length;
  const outIds = new Int32Array(outStart[outputs]!);
  for (let n = 0; n < outputs; n++) outIds.set(out[byNew[firstOutput + n]!]!, outStart[n]!);

  return { longest, ascii, wideClass, wideClasses, wide, wideRow, firstOutput, outStart, outIds };
}
