/** One fingerprint pattern (full, prefix, contains or regexp) compiled once into a fast, bounded matcher. */

/** How a fingerprint pattern compares with the text (OONI's `pattern_type`). */
export type PatternType = 'full' | 'prefix' | 'contains' | 'regexp';

/** A compiled pattern: `test(text)` says whether it matches. */
export interface TextPattern {
  readonly type: PatternType;
  readonly source: string;
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
      return { type, source, test: (t) => t === source };
    case 'prefix':
      return { type, source, test: (t) => t.startsWith(source) };
    case 'contains':
      return { type, source, test: (t) => t.includes(source) };
    case 'regexp':
      return compileRegexp(source, opts.dotAll === true);
  }
}

function compileRegexp(source: string, dotAll: boolean): TextPattern | null {
  const literal = unescapeLiteral(source);
  if (literal !== null) return { type: 'regexp', source, test: (t) => t.includes(literal) };
  let re: RegExp;
  try {
    re = new RegExp(source, dotAll ? 's' : '');
  } catch {
    return null;
  }
  const fragments = requiredFragments(source);
  return {
    type: 'regexp',
    source,
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
 * Literal pieces every match must contain: the top-level parts between `.*` / `.+` / `.`-wildcards
 * that are plain literals. Conservative: anything it cannot read as a literal is skipped.
 */
export function requiredFragments(source: string): string[] {
  if (/[|()[\]?{}]/.test(source.replace(/\\./g, ''))) return []; // alternations, groups, classes, optionals
  const out: string[] = [];
  for (const piece of source.split(/\.\*|\.\+|(?<!\\)\./)) {
    const lit = unescapeLiteral(piece.replace(/[*+]$/, ''));
    if (lit && lit.length >= 3 && !/[*+]$/.test(piece)) out.push(lit);
  }
  return out;
}
