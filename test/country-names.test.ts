import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { dataPath } from '../src/shared/paths.js';
import { COUNTRY_NAMES } from '../web/src/i18n/country-names.js';

const require = createRequire(import.meta.url);

/** The values of one column of a CSV without quoted commas in the columns read. */
function column(file: string, name: string): string[] {
  const [head, ...rows] = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const i = head!.split(',').indexOf(name);
  return rows.map((r) => r.split(',')[i]!).filter(Boolean);
}

/** Every country the dashboard can show by name: FOTN countries, bundled probes' countries, the map's. */
function shownCountries(): string[] {
  const fotn = column(dataPath('fotn', 'fotn-scores.csv'), 'iso2');
  const probes = column(dataPath('ooni', 'measurements', 'INDEX.csv'), 'probe_cc');
  const numeric = new Map((require('i18n-iso-countries/codes.json') as string[][]).map((c) => [c[2], c[0]]));
  const world = require('world-atlas/countries-110m.json') as {
    objects: { countries: { geometries: { id?: string }[] } };
  };
  const map = world.objects.countries.geometries.map((g) => numeric.get(g.id)).filter(Boolean) as string[];
  return [...new Set([...fotn, ...probes, 'KZ', ...map])].sort();
}

describe('the country-name table', () => {
  it('names every country the dashboard shows in English, Russian and Kazakh (Cyrillic)', () => {
    const countries = shownCountries();
    expect(countries.length).toBeGreaterThan(150);
    for (const cc of countries) {
      expect(COUNTRY_NAMES.en![cc], cc).toMatch(/^[A-Z]/);
      expect(COUNTRY_NAMES.ru![cc], cc).toMatch(/[А-Яа-яЁё]/);
      expect(COUNTRY_NAMES.kk![cc], cc).toMatch(/[А-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІі]/);
    }
    expect(COUNTRY_NAMES.kk!.KZ).toBe('Қазақстан');
    expect(COUNTRY_NAMES.ru!.RU).toBe('Россия');
  });
});
