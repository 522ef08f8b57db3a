/**
 * The records of the assessment by kind (events of the country, narratives, key developments, evidence links,
 * surveys, recommendations, decisions on suggested controls), those an open revision holds marked, each with its
 * history from the audit log.
 */
import type { ComponentChildren } from 'preact';
import { DraftMark } from '../../components/evidence/draft-mark.js';
import { useI18n } from '../../i18n/i18n.js';
import { EntityHistory } from './entity-history.js';
import type { ReviewData } from './review-data.js';

type Kind =
  | 'event'
  | 'narrative'
  | 'key_development'
  | 'evidence_link'
  | 'survey'
  | 'recommendation'
  | 'control_decision';

interface Row {
  id: string;
  label: ComponentChildren;
  state?: 'draft' | 'in_review' | undefined;
}

export function EvidenceRecords({ cc, edition, data }: { cc: string; edition: number; data: ReviewData }) {
  const { t } = useI18n();
  const groups: [Kind, Row[]][] = [
    [
      'event',
      data.events.map((e) => ({ id: e.id, label: `${e.start} · ${e.title}`, state: e.review_state })),
    ],
    ['narrative', data.narratives.map((n) => ({ id: n.id, label: n.question_id, state: n.review_state }))],
    [
      'key_development',
      data.keyDevelopments.map((k) => ({
        id: k.id,
        label: `${k.position}. ${k.text}`,
        state: k.review_state,
      })),
    ],
    ['evidence_link', data.links.map((l) => ({ id: l.id, label: `${l.target_id} · ${l.id}` }))],
    ['survey', data.surveys.map((s) => ({ id: s.id, label: s.questions[0]?.question ?? s.id }))],
    ['recommendation', data.recommendations.map((r) => ({ id: r.id, label: r.text }))],
    [
      'control_decision',
      data.suggestions
        .filter((s) => s.decision)
        .map((s) => ({
          id: `${cc.toLowerCase()}-${edition}-${s.control_id.toLowerCase()}`,
          label: `${s.control_id} · ${t(`edit.decision.${s.decision!}`)}`,
        })),
    ],
  ];
  return (
    <section class="evidence-records" data-testid="evidence-records">
      <h2>{t('edit.recordsTitle')}</h2>
      {groups.map(([kind, rows]) => (
        <div key={kind} data-kind={kind}>
          <h3>{t(`edit.records.${kind}`)}</h3>
          {rows.length === 0 ? (
            <p class="muted">{t('edit.recordsNone')}</p>
          ) : (
            <ul>
              {rows.map((r) => (
                <li key={r.id} data-id={r.id}>
                  <DraftMark state={r.state} />
                  <span class="datum">{r.label}</span> <EntityHistory entity={`${kind}:${r.id}`} />
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </section>
  );
}
