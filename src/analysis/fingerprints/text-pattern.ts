/** One fingerprint pattern (full, prefix, contains or regexp) compiled once into a fast, bounded matcher. */

/** How a fingerprint pattern compares with the text (OONI's `pattern_type`). */
export type PatternType = 'full' | 'prefix' | 'contains' | 'regexp';

/** A compiled pattern: `test(text)` says whether it matches. */
export interface TextPattern {
  readonly type: PatternType;
  readonly source: string;
  /** When set, containing this literal is exactly what matching means (contains, literal regexps). */
  readonly literal?: string;
  /** Literals every match contains: a text lacking one cannot match (regexps). */
  readonly fragments: readonly string[];
  /**
   * For a regexp that is an alternation at its top (`a|b`): each alternative's required literals. A text that
   * holds all of none of them cannot match.
   */
  readonly anyOf?: readonly (readonly string[])[];
  test(text: string): boolean;
}

/**
 * Regular expressions only ever see this many characters: bodies are hostile, and a pattern like
 * `a.*b.*c` backtracks in proportion to the input. Blockpages are small; real pages that exceed this
 * are not blockpages in practice.
 */
export const MAX_REGEXP_INPUT = 64 * 1024;

const META = /[\\^$.|?*+()[\]{}]/;

/**
 * Compiles a pattern. A regexp that is only escaped literals becomes a substring search; otherwise
 * its literal fragments are checked with `includes` first, so the regexp engine only runs on texts
 * that could match. Returns null for a pattern JavaScript cannot compile.
 */
export function compilePattern(
  type: PatternType,
  source: string,
  opts: { dotAll?: boolean } = {},
): TextPattern | null {
  switch (type) {
    case 'full':
      return { type, source, fragments: [], test: (t) => t === source };
    case 'prefix':
      return { type, source, fragments: [], test: (t) => t.startsWith(source) };
    case 'contains':
      return { type, source, literal: source, fragments: [], test: (t) => t.includes(source) };
    case 'regexp':
      return compileRegexp(source, opts.dotAll === true);
  }
}

function compileRegexp(source: string, dotAll: boolean): TextPattern | null {
  const literal = unescapeLiteral(source);
  if (literal !== null)
    return { type: 'regexp', source, literal, fragments: [], test: (t) => t.includes(literal) };
  let re: RegExp;
  try {
    re = new RegExp(source, dotAll ? 's' : '');
  } catch {
    return null;
  }
  const fragments = requiredFragments(source);
  const anyOf = fragments.length === 0 ? alternativeFragments(source) : null;
  return {
    type: 'regexp',
    source,
    fragments,
    ...(anyOf ? { anyOf } : {}),
    test: (t) => {
      for (const f of fragments) if (!t.includes(f)) return false;
      return re.test(t.length > MAX_REGEXP_INPUT ? t.slice(0, MAX_REGEXP_INPUT) : t);
    },
  };
}

/** The literal text of a pattern made only of characters and escaped punctuation, else null. */
export function unescapeLiteral(source: string): string | null {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const next = source[i + 1];
      if (next === undefined || /[A-Za-z0-9]/.test(next)) return null; // \d, \w, \1...: a real regexp
      out += next;
      i++;
    } else if (META.test(c)) {
      return null;
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * Literal runs every match must contain, read from the top level of the regexp: groups, classes,
 * wildcards and escapes like \d end a run, a quantified character is dropped, and a top-level
 * alternation means nothing is required. Runs shorter than 3 characters are not worth checking, unless there
 * is no longer one: even one character (`�.*�`) spares running the regexp over every body that lacks it.
 */
export function requiredFragments(source: string): string[] {
  const out: string[] = [];
  const short: string[] = [];
  let run = '';
  const flush = () => {
    if (run.length >= 3) out.push(run);
    else if (run.length > 0) short.push(run);
    run = '';
  };
  // A brace that opens no `{n}`, `{n,}` or `{n,m}` is a literal character (as in `{"error":`).
  const isQuantifier = (c: string | undefined, at: number) =>
    c === '*' || c === '+' || c === '?' || (c === '{' && QUANTIFIER.test(source.slice(at)));
  let i = 0;
  // After a character is appended, a following quantifier makes it optional (or repeated).
  const literal = (ch: string, next: number) => {
    const q = source[next];
    if (q === '*' || q === '?' || (q === '{' && isQuantifier(q, next))) {
      flush();
    } else {
      run += ch;
      if (q === '+') flush();
    }
  };
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\\') {
      const e = source[i + 1];
      if (e === undefined) return [];
      if (/[A-Za-z0-9]/.test(e)) flush();
      else literal(e, i + 2);
      i += 2;
    } else if (c === '(' || c === '[') {
      flush();
      i = skipGroup(source, i);
      if (i < 0) return [];
    } else if (c === '|') {
      return [];
    } else if (c === '.' || c === '^' || c === '$') {
      flush();
      i++;
    } else if (isQuantifier(c, i)) {
      flush();
      i = c === '{' ? source.indexOf('}', i) + 1 || source.length : i + 1;
    } else {
      literal(c, i + 1);
      i++;
    }
  }
  flush();
  return out.length > 0 ? out : short;
}

const QUANTIFIER = /^\{\d+(,\d*)?\}/;

/**
 * For a regexp that alternates at its top level (`<title>A | B</title>` is `<title>A ` or ` B</title>`), the
 * required literals of each alternative; null when it does not alternate or when some alternative requires none.
 */
export function alternativeFragments(source: string): string[][] | null {
  const alternatives: string[] = [];
  let from = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '(' || c === '[') {
      const end = skipGroup(source, i);
      if (end < 0) return null;
      i = end - 1;
    } else if (c === '|') {
      alternatives.push(source.slice(from, i));
      from = i + 1;
    }
  }
  if (alternatives.length === 0) return null;
  alternatives.push(source.slice(from));
  const sets = alternatives.map(requiredFragments);
  return sets.every((set) => set.length > 0) ? sets : null;
}

/** The index after the group or class starting at `start` (nesting and escapes respected), or -1. */
function skipGroup(source: string, start: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = start; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
    } else if (inClass) {
      if (c === ']') {
        inClass = false;
        if (depth === 0) return i + 1;
      }
    } else if (c === '[') {
      inClass = true;
    } else if (c === '(') {
      depth++;
    } else if (c === ')') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}
