import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeI18n } from './i18n.js';

/** Intl as in a browser without Kazakh data: asked for kk, it formats as English would. */
function withoutKazakh() {
  const strip = (locales: unknown) =>
    [locales].flat().filter((l) => typeof l === 'string' && !l.startsWith('kk')) as string[];
  class DateTimeFormat extends Intl.DateTimeFormat {
    constructor(locales?: string | string[], options?: Intl.DateTimeFormatOptions) {
      super(strip(locales).length ? strip(locales) : 'en', options);
    }
  }
  class NumberFormat extends Intl.NumberFormat {
    constructor(locales?: string | string[], options?: Intl.NumberFormatOptions) {
      super(strip(locales).length ? strip(locales) : 'en', options);
    }
  }
  vi.stubGlobal(
    'Intl',
    Object.create(Intl, { DateTimeFormat: { value: DateTimeFormat }, NumberFormat: { value: NumberFormat } }),
  );
}

describe('dates and numbers', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('writes Kazakh dates as CLDR does, even where the browser has no Kazakh data', () => {
    // The reference: Node's full ICU (CLDR), long date style.
    const cldr = new Intl.DateTimeFormat('kk', { dateStyle: 'long', timeZone: 'UTC' });
    const expected = Array.from({ length: 12 }, (_, m) => cldr.format(new Date(Date.UTC(2024, m, 1 + m))));
    withoutKazakh();
    const kk = makeI18n('kk');
    const days = Array.from({ length: 12 }, (_, m) => `2024-${String(m + 1).padStart(2, '0')}-${1 + m}`);
    expect(days.map((d) => kk.date(d.replace(/-(\d)$/, '-0$1')))).toEqual(expected);
    expect(kk.date('2024-06-01')).toBe('2024 ж. 1 маусым');
    expect(kk.date(null)).toBe('–');
    expect(kk.date('not a date')).toBe('not a date');
  });

  it('shows times with their zone (UTC) in every language', () => {
    withoutKazakh();
    const at = '2024-06-01T09:05:00Z';
    expect(makeI18n('kk').dateTime(at)).toBe('2024 ж. 1 маусым, 09:05 UTC');
    expect(makeI18n('ru').dateTime(at)).toBe('1 июн. 2024 г., 09:05 UTC');
    expect(makeI18n('en').dateTime(at)).toBe('Jun 1, 2024, 9:05 AM UTC');
    // A time just before midnight UTC stays on its UTC day, whatever the reader's zone.
    expect(makeI18n('kk').dateTime('2024-12-31T23:59:59Z')).toBe('2024 ж. 31 желтоқсан, 23:59 UTC');
  });

  it('writes a month with its year (time axes) in every language, Kazakh as CLDR does', () => {
    const cldr = new Intl.DateTimeFormat('kk', { year: 'numeric', month: 'short', timeZone: 'UTC' });
    const expected = Array.from({ length: 12 }, (_, m) => cldr.format(new Date(Date.UTC(2024, m, 1))));
    withoutKazakh();
    const kk = makeI18n('kk');
    expect(
      Array.from({ length: 12 }, (_, m) => kk.monthYear(`2024-${String(m + 1).padStart(2, '0')}-01`)),
    ).toEqual(expected);
    expect(makeI18n('en').monthYear('2024-12-01')).toBe('Dec 2024');
    expect(makeI18n('ru').monthYear('2024-12-01')).toBe('дек. 2024 г.');
    expect(makeI18n('en').monthYear(null)).toBe('–');
  });

  it('writes an English ordinal with its suffix; Russian and Kazakh messages carry their own', () => {
    const en = makeI18n('en');
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map((n) => en.ordinal(n))).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '101st',
      '111th',
    ]);
    expect(makeI18n('ru').ordinal(9)).toBe('9');
    expect(makeI18n('kk').ordinal(9)).toBe('9');
  });

  it('says a rank with what it ranks among, in every language', () => {
    expect(makeI18n('en').rank(9, 17)).toBe('9th of the 17 countries in this dataset');
    expect(makeI18n('en').rank(1, 1)).toBe('1st of the 1 country in this dataset');
    expect(makeI18n('ru').rank(9, 17)).toBe('9-е место из 17 стран в этом наборе данных');
    expect(makeI18n('ru').rank(3, 21)).toBe('3-е место из 21 страны в этом наборе данных');
    expect(makeI18n('kk').rank(9, 17)).toBe('осы деректер жинағындағы 17 елдің ішінде 9-орын');
  });

  it('groups and separates Kazakh numbers as CLDR does', () => {
    const cldr = new Intl.NumberFormat('kk').format(1234567.5);
    withoutKazakh();
    expect(makeI18n('kk').num(1234567.5)).toBe(cldr);
    expect(makeI18n('kk').num(null)).toBe('–');
  });
});
