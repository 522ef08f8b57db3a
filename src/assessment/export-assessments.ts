/** Assessments out as CSV (the import's own columns, so an export re-imports unchanged) or as full JSON. */
import type { Assessment } from '../model/assessment.js';
import { toCsv } from '../shared/csv.js';
import { FOTN_COLUMNS } from './fotn-scores-csv.js';

export type ExportFormat = 'csv' | 'json';

const COUNTRY_NAMES = new Intl.DisplayNames(['en'], { type: 'region' });

export function exportAssessments(assessments: Assessment[], format: ExportFormat): string {
  if (format === 'json') return `${JSON.stringify(assessments, null, 2)}\n`;
  const rows = assessments.map((a) => {
    const category = (id: string) => {
      const c = a.categories.find((x) => x.categoryId === id);
      return c && !c.computed ? c.score : null;
    };
    return {
      country: COUNTRY_NAMES.of(a.country) ?? a.country,
      iso2: a.country,
      iso3: '',
      edition: a.edition,
      coverage_start: a.coverageStart,
      coverage_end: a.coverageEnd,
      scale: a.scale === 'legacy' ? 'lower_is_freer_legacy' : 'higher_is_freer',
      total: a.totalSources.length > 0 ? a.total : null,
      a_obstacles_to_access: category('A'),
      b_limits_on_content: category('B'),
      c_violations_of_user_rights: category('C'),
      status: a.totalSources.length > 0 ? a.status : null,
      prev_edition_total: a.previousEditionTotal,
      source_total: a.totalSources[0]?.url ?? null,
      source_components: a.categorySources[0]?.url ?? null,
      notes: a.notes,
      restated_in_edition: a.restatedInEdition,
    };
  });
  return toCsv([...FOTN_COLUMNS], rows);
}
