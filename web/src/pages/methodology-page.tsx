/** The methodology: categories and questions with their maxima, status bands on both scales, key controls, outcomes, techniques. */
import { TECHNIQUES } from '../../../src/model/verdict.js';
import { api } from '../api/client.js';
import { Await, Sources } from '../components/status.js';
import { TableHead } from '../components/table-head.js';
import { useI18n } from '../i18n/i18n.js';
import { useApi } from '../use-api.js';

export function MethodologyPage() {
  const { t, lang } = useI18n();
  const m = useApi(() => api.methodology(lang), `methodology-${lang}`);
  return (
    <section>
      <h1>{t('methodology.title')}</h1>
      <p>{t('methodology.intro')}</p>
      <p class="muted">{t('methodology.translation')}</p>
      <Await state={m}>
        {(methodology) => (
          <>
            {methodology.categories.map((cat) => (
              <div key={cat.id}>
                <h2>
                  {cat.id}. {cat.name} ({cat.max_points})
                </h2>
                <table class="data">
                  <TableHead columns={['methodology.question', 'methodology.points']} />
                  <tbody>
                    {cat.questions.map((q) => (
                      <tr key={q.id}>
                        <td>
                          <strong>{q.id}</strong> {q.text}
                        </td>
                        <td>0–{q.max_points}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ))}
            <h2>{t('methodology.bands')}</h2>
            <ul>
              {methodology.status_bands.map((b) => (
                <li key={`c${b.status}`}>
                  {t(`status.${b.status}`)}: {b.min}–{b.max} ({t('scale.current')})
                </li>
              ))}
              {methodology.legacy_status_bands.map((b) => (
                <li key={`l${b.status}`}>
                  {t(`status.${b.status}`)}: {b.min}–{b.max} ({t('scale.legacy')})
                </li>
              ))}
            </ul>
            <h2>{t('country.controls')}</h2>
            <ol>
              {methodology.key_internet_controls.map((k) => (
                <li key={k.id}>{k.label}</li>
              ))}
            </ol>
            <h2>{t('explorer.outcome')}</h2>
            <p>{t('methodology.outcomes')}</p>
            <h2>{t('methodology.techniques')}</h2>
            <dl class="techniques-glossary">
              {TECHNIQUES.map((code) => (
                <div key={code}>
                  <dt>
                    {t(`technique.${code}`)} <code>{code}</code>
                  </dt>
                  <dd>{t(`techniqueHow.${code}`)}</dd>
                </div>
              ))}
            </dl>
            <h2>{t('common.sources')}</h2>
            <p>{t('methodology.primaryDocument')}</p>
            <Sources sources={[methodology.primary_document.source]} />
            <p>{methodology.primary_document.not_checked}</p>
            <ul class="methodology-sources">
              {methodology.sources.map((s) => (
                <li key={s.what}>
                  {s.what}
                  {s.note ? ` (${s.note})` : ''}
                  <Sources sources={s.sources} />
                </li>
              ))}
            </ul>
          </>
        )}
      </Await>
    </section>
  );
}
