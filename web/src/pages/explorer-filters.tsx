/** The explorer's filters: a draft edited in the form, written into the URL (the view's only state) on submit. */
import { useState } from 'preact/hooks';
import { OUTCOMES, TECHNIQUES } from '../../../src/model/verdict.js';
import { techniqueLabel } from '../components/technique-name.js';
import { TEST_NAMES } from '../components/test-target.js';
import { CATEGORY_NAMES } from '../i18n/category-names.js';
import { COUNTRY_NAMES } from '../i18n/country-names.js';
import { useI18n } from '../i18n/i18n.js';
import { type Location, navigate } from '../router.js';

const TEXT_FILTERS = [
  ['probe_asn', 'explorer.asn', 'AS9198'],
  ['domain', 'explorer.domain', 'meduza.io'],
] as const;

export function ExplorerFilters({ loc }: { loc: Location }) {
  const { t, lang } = useI18n();
  const [draft, setDraft] = useState<Record<string, string>>(() => Object.fromEntries(loc.query));
  const set = (k: string, v: string) => setDraft((d) => ({ ...d, [k]: v }));
  // Countries by name in the reader's language; the code is what the URL and the API carry.
  const countries = Object.entries(COUNTRY_NAMES[lang] ?? COUNTRY_NAMES.en ?? {}).sort(([, a], [, b]) =>
    a.localeCompare(b, lang),
  );
  const chosenCountry = (draft.probe_cc ?? '').toUpperCase();
  return (
    <form
      class="filters"
      onSubmit={(e) => {
        e.preventDefault();
        const q = new URLSearchParams();
        for (const [k, v] of Object.entries(draft)) if (v && k !== 'cursor') q.set(k, v.trim());
        navigate(`/measurements?${q}`);
      }}
    >
      <label>
        {t('explorer.country')}{' '}
        <select
          name="probe_cc"
          value={chosenCountry}
          onChange={(e) => set('probe_cc', (e.target as HTMLSelectElement).value)}
        >
          <option value="">{t('explorer.any')}</option>
          {/* A code in the URL that no name is known for stays selectable as it is. */}
          {chosenCountry && !countries.some(([cc]) => cc === chosenCountry) && (
            <option value={chosenCountry} class="datum">
              {chosenCountry}
            </option>
          )}
          {countries.map(([cc, name]) => (
            <option key={cc} value={cc}>
              {name}
            </option>
          ))}
        </select>
      </label>
      {TEXT_FILTERS.map(([k, label, example]) => (
        <label key={k}>
          {t(label)}{' '}
          <input
            name={k}
            value={draft[k] ?? ''}
            placeholder={example}
            onInput={(e) => set(k, (e.target as HTMLInputElement).value)}
          />
        </label>
      ))}
      <label>
        {t('explorer.category')}{' '}
        <select
          name="category_code"
          value={draft.category_code ?? ''}
          onChange={(e) => set('category_code', (e.target as HTMLSelectElement).value)}
        >
          <option value="">{t('explorer.any')}</option>
          {Object.entries(CATEGORY_NAMES[lang])
            .sort(([, a], [, b]) => a.localeCompare(b, lang))
            .map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
        </select>
      </label>
      <label>
        {t('explorer.test')}{' '}
        <select
          name="test_name"
          value={draft.test_name ?? ''}
          onChange={(e) => set('test_name', (e.target as HTMLSelectElement).value)}
        >
          <option value="">{t('explorer.any')}</option>
          {/* OONI's test names are codes (data), shown as the API and OONI write them. */}
          {TEST_NAMES.map((name) => (
            <option key={name} value={name} class="datum">
              {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('explorer.outcome')}{' '}
        <select
          name="outcome"
          value={draft.outcome ?? ''}
          onChange={(e) => set('outcome', (e.target as HTMLSelectElement).value)}
        >
          <option value="">{t('explorer.any')}</option>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(`outcome.${o}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('explorer.technique')}{' '}
        <select
          name="technique"
          value={draft.technique ?? ''}
          onChange={(e) => set('technique', (e.target as HTMLSelectElement).value)}
        >
          <option value="">{t('explorer.any')}</option>
          {TECHNIQUES.map((o) => (
            <option key={o} value={o}>
              {techniqueLabel(t, o)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('explorer.since')}{' '}
        <input
          type="date"
          name="since"
          value={draft.since ?? ''}
          onInput={(e) => set('since', (e.target as HTMLInputElement).value)}
        />
      </label>
      <label>
        {t('explorer.until')}{' '}
        <input
          type="date"
          name="until"
          value={draft.until ?? ''}
          onInput={(e) => set('until', (e.target as HTMLInputElement).value)}
        />
      </label>
      <label>
        <input
          type="checkbox"
          name="simulated"
          checked={draft.simulated === '1'}
          onChange={(e) => set('simulated', (e.target as HTMLInputElement).checked ? '1' : '')}
        />{' '}
        {t('explorer.simulated')}
      </label>
      <button type="submit">{t('explorer.apply')}</button>
    </form>
  );
}
