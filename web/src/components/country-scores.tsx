/** An assessment's figures: total, status, edition and coverage, categories against their maxima, with their sources. */
import type { Assessment, Methodology } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { Sources, StatusBadge, VerificationMark } from './status.js';

export function CountryScores({ a, methodology }: { a: Assessment; methodology: Methodology }) {
  const { t, num, date } = useI18n();
  return (
    <>
      <div class="score-header">
        <div class="score-total" data-testid="total">
          <span class="label">{t('country.total')}</span>
          <span class="value">{num(a.total)}</span>
          <span class="muted">
            {t('country.outOf', { score: '', max: methodology.max_total }).trim()} · {t(`scale.${a.scale}`)}
          </span>{' '}
          <VerificationMark verification={a.total_verification} />
        </div>
        <div>
          <span class="label">{t('country.status')}</span> <StatusBadge status={a.status} />
        </div>
        <div class="muted">
          {t('country.edition', { edition: a.edition })}
          {a.coverage_start
            ? ` · ${t('country.coverage', { start: date(a.coverage_start), end: date(a.coverage_end) })}`
            : ''}
          {a.restated_in_edition
            ? ` · ${t('figure.restated', { edition: a.edition, restated: a.restated_in_edition })}`
            : ''}
        </div>
      </div>
      <Sources sources={a.total_sources} />
      <h2>{t('country.categories')}</h2>
      <div class="categories">
        {methodology.categories.map((cat) => {
          const score = a.categories.find((c) => c.category_id === cat.id)?.score ?? null;
          return (
            <div key={cat.id} class="category">
              <div>
                <strong>{cat.id}</strong> {cat.name}
              </div>
              {/* An unknown score draws no meter: an empty one would read as 0. */}
              {score !== null && (
                <meter
                  min={0}
                  max={cat.max_points}
                  value={score}
                  aria-label={`${cat.id}: ${score} / ${cat.max_points}`}
                />
              )}
              <div>{t('country.outOf', { score: num(score), max: cat.max_points })}</div>
            </div>
          );
        })}
      </div>
      <Sources sources={a.category_sources.filter((s) => !a.total_sources.some((x) => x.url === s.url))} />
    </>
  );
}
