import { describe, expect, it } from 'vitest';
import { testActing } from '../../test/helpers/acting.js';
import { tempStore } from '../../test/helpers/temp.js';
import { BUNDLED_SCORES_PATH } from './bundled-data.js';
import { editionCoverage, loadEditionRows } from './edition-coverage.js';
import { importScores } from './import-scores.js';
import { loadMethodology } from './methodology-loader.js';
import { loadSourceRegistry } from './source-registry.js';

describe('edition coverage', () => {
  it("lists the FOTN editions that covered Kazakhstan, with the bundled ones marked, so a chart can say 'not bundled'", async () => {
    const store = await tempStore();
    await importScores(store, await loadMethodology(), BUNDLED_SCORES_PATH, testActing());
    const kz = editionCoverage(
      'KZ',
      await loadEditionRows(),
      await store.assessments.list({ country: 'KZ' }),
      await loadSourceRegistry(),
    );
    expect(kz.filter((e) => e.covered === 'yes').map((e) => e.edition)).toEqual([
      2011, 2012, 2013, 2014, 2015, 2016, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025,
    ]);
    expect(kz.filter((e) => !e.bundled).map((e) => [e.edition, e.covered])).toEqual([
      [2009, 'unknown'],
      [2012, 'yes'],
      [2017, 'unverified'],
    ]);
    expect(kz.find((e) => e.edition === 2012)?.evidence).toMatchObject({ verification: 'primary' });
    expect(kz.find((e) => e.edition === 2017)?.evidence).toBeNull();
  });

  it('says nothing for a country the list does not cover', async () => {
    expect(editionCoverage('RU', await loadEditionRows(), [], await loadSourceRegistry())).toEqual([]);
  });
});
