import { describe, expect, it } from 'vitest';
import { body } from '../../test/helpers/json.js';
import { tempStore } from '../../test/helpers/temp.js';
import { seedAssessments } from '../assessment/bundled-data.js';
import { loadMethodology } from '../assessment/methodology-loader.js';
import { createApp } from './app.js';

const methodology = await loadMethodology();

async function app() {
  const store = await tempStore();
  await seedAssessments(store, methodology);
  return createApp({ store, methodology });
}

describe('API', () => {
  it('serves the methodology and the countries with their latest assessment', async () => {
    const a = await app();
    const m = await a.request('/api/v1/methodology');
    expect(m.status).toBe(200);
    expect(m.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await body(m)).categories).toHaveLength(3);
    const countries = (await body(await a.request('/api/v1/countries'))).countries;
    expect(countries.find((c: { country: string }) => c.country === 'KZ').latest).toMatchObject({
      edition: 2025,
      total: 37,
    });
  });

  it('serves one assessment, a history and a comparison', async () => {
    const a = await app();
    expect(await body(await a.request('/api/v1/assessments/kz/2024'))).toMatchObject({
      total: 34,
      status: 'Not Free',
    });
    const kz = await body(await a.request('/api/v1/countries/KZ'));
    expect(kz.history.length).toBe(12);
    const cmp = await body(await a.request('/api/v1/compare?edition=2024&countries=KZ,KG'));
    expect(cmp.countries.map((c: { country: string }) => c.country)).toEqual(['KG', 'KZ']);
  });

  it('answers bad requests and unknown resources with { error: { code, message } }', async () => {
    const a = await app();
    const bad = await a.request('/api/v1/assessments/KAZ/2024');
    expect(bad.status).toBe(400);
    expect(await body(bad)).toEqual({
      error: { code: 'INVALID_INPUT', message: '"KAZ" is not a two-letter country code' },
    });
    const missing = await a.request('/api/v1/assessments/EE/2024');
    expect(missing.status).toBe(404);
    expect((await body(missing)).error.code).toBe('NOT_FOUND');
    expect((await a.request('/api/v1/nope')).status).toBe(404);
  });
});
