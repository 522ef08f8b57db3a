/** Numbers, dates and times in the reader's language; Kazakh is written here, since many browsers lack its data. */

/** The months as CLDR's Kazakh long dates name them ("2024 ж. 1 маусым"). */
const KK_MONTHS = [
  'қаңтар',
  'ақпан',
  'наурыз',
  'сәуір',
  'мамыр',
  'маусым',
  'шілде',
  'тамыз',
  'қыркүйек',
  'қазан',
  'қараша',
  'желтоқсан',
];

/** CLDR's abbreviated Kazakh months, as its "y 'ж'. MMM" pattern writes them ("2024 ж. жел."). */
const KK_MONTHS_SHORT = [
  'қаң.',
  'ақп.',
  'нау.',
  'сәу.',
  'мам.',
  'мау.',
  'шіл.',
  'там.',
  'қыр.',
  'қаз.',
  'қар.',
  'жел.',
];

/** Formatting helpers for one language. */
export interface Formats {
  /** A number; `digits` fixes the decimals shown. */
  num(n: number | null | undefined, digits?: number): string;
  /** A day (YYYY-MM-DD or an ISO time), on its UTC date. */
  date(iso: string | null | undefined): string;
  /** A time with its zone: every time netfreedom stores is UTC, and says so. */
  dateTime(iso: string | null | undefined): string;
  /** A month with its year ("Dec 2024"), for the ticks of a time axis. */
  monthYear(iso: string | null | undefined): string;
  /** An ordinal number: "9th" in English; in Russian and Kazakh the digits, which their messages suffix. */
  ordinal(n: number): string;
}

/** English ordinal suffixes by plural category (CLDR's ordinal rules). */
const EN_ORDINAL: Record<string, string> = { one: 'st', two: 'nd', few: 'rd', other: 'th' };

/** The helpers for `lang`: Intl for English and Russian, our own patterns (CLDR's) for Kazakh. */
export function makeFormats(lang: string): Formats {
  const kazakh = lang === 'kk';
  const day = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });
  const time = new Intl.DateTimeFormat(lang, { timeStyle: 'short', timeZone: 'UTC' });
  const dateOf = (d: Date) =>
    kazakh ? `${d.getUTCFullYear()} ж. ${d.getUTCDate()} ${KK_MONTHS[d.getUTCMonth()]}` : day.format(d);
  const month = new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', timeZone: 'UTC' });
  const plain = new Intl.NumberFormat(kazakh ? 'en' : lang);
  const ordinalRule = new Intl.PluralRules('en', { type: 'ordinal' });
  const timeOf = (d: Date) =>
    kazakh
      ? `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`
      : time.format(d);
  return {
    num: (n, digits) => {
      if (n === null || n === undefined) return '–';
      const text =
        digits === undefined
          ? plain.format(n)
          : new Intl.NumberFormat(kazakh ? 'en' : lang, {
              minimumFractionDigits: digits,
              maximumFractionDigits: digits,
            }).format(n);
      // Kazakh groups with a no-break space and writes a decimal comma; from English's digits, which every browser has.
      return kazakh ? text.replace(/[,.]/g, (c) => (c === ',' ? '\u00a0' : ',')) : text;
    },
    date: (iso) => withDate(iso, dateOf),
    dateTime: (iso) => withDate(iso, (d) => `${dateOf(d)}, ${timeOf(d)} UTC`),
    ordinal: (n) => (lang === 'en' ? `${n}${EN_ORDINAL[ordinalRule.select(n)] ?? 'th'}` : String(n)),
    monthYear: (iso) =>
      withDate(iso, (d) =>
        kazakh ? `${d.getUTCFullYear()} ж. ${KK_MONTHS_SHORT[d.getUTCMonth()]}` : month.format(d),
      ),
  };
}

/** Formats a parsable date; shows anything else as given, and nothing as a dash. */
function withDate(iso: string | null | undefined, format: (d: Date) => string): string {
  if (!iso) return '–';
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(d.getTime()) ? iso : format(d);
}
