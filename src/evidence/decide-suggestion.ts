/**
 * An analyst's decision on a suggested key internet control (`netfreedom assessment accept|reject`). Accepting
 * answers the control "yes" in the assessment's draft revision (reviewed and published like any other edit) with
 * the suggestion's evidence: the events' sources on the answer, and an evidence link per event and per measured
 * site (with the figures of today as its snapshot). Rejecting records the decision and leaves the answer as it is.
 * The decision and each link are audit entries under their own entity, whoever decides (the API, the command line).
 */
import { answerKeyControl } from '../assessment/analyst-edits.js';
import type { Source } from '../model/assessment.js';
import type { Acting } from '../model/audit.js';
import type { ControlDecision } from '../model/evidence.js';
import type { Methodology } from '../model/methodology.js';
import { InvalidInputError, NotFoundError } from '../shared/errors.js';
import type { Store } from '../store/store.js';
import { auditedEvidenceWrite, auditedLink } from './audited-evidence.js';
import { type ControlSuggestion, decisionId, suggestControls } from './suggest-controls.js';
import type { SuggestionRule } from './suggestion-rules.js';

export interface DecisionInput {
  country: string;
  edition: number;
  controlId: string;
  decision: ControlDecision['decision'];
  now?: () => Date;
}

/** Records the decision; a control with no suggestion for that edition is refused, as is rejecting an accepted one. */
export function decideSuggestion(
  store: Store,
  methodology: Methodology,
  rules: readonly SuggestionRule[],
  acting: Acting,
  input: DecisionInput,
): Promise<ControlSuggestion> {
  const now = input.now ?? acting.now;
  const { country, edition, decision } = input;
  const controlId = input.controlId.toUpperCase();
  return store.transaction(async () => {
    const suggestion = (await suggestControls(store, methodology, rules, country, edition, true)).find(
      (s) => s.controlId === controlId,
    );
    if (!suggestion)
      throw new NotFoundError(
        `nothing suggests ${controlId} for ${country} ${edition} (\`netfreedom assessment suggest ${country} --edition ${edition}\` lists what does)`,
      );
    if (decision === 'rejected' && suggestion.decision?.decision === 'accepted')
      throw new InvalidInputError(
        `${controlId} was accepted for ${country} ${edition}: change the answer with \`netfreedom assessment control\``,
      );
    if (decision === 'accepted') await accept(store, methodology, acting, suggestion, now);
    const record: ControlDecision = {
      id: decisionId(country, edition, controlId),
      country,
      edition,
      controlId,
      decision,
      ruleIds: suggestion.ruleIds,
      decidedAt: now().toISOString(),
    };
    await auditedEvidenceWrite(store, acting, 'control_decision', record.id, async () => ({
      result: await store.evidence.put('control_decision', record),
      stored: record,
    }));
    // The published answer changes only when the draft is published (`currentAnswer` stays the published one).
    return { ...suggestion, decision: record };
  });
}

async function accept(
  store: Store,
  methodology: Methodology,
  acting: Acting,
  s: ControlSuggestion,
  now: () => Date,
): Promise<void> {
  const sources: Source[] = [];
  const words: string[] = [];
  const target = { kind: 'key_control' as const, id: s.controlId };
  for (const e of s.evidence) {
    if (e.kind === 'event') {
      for (const id of e.event.sourceIds) {
        const source = await store.evidence.get('source', id);
        if (source && !sources.some((x) => x.id === id)) sources.push(source);
      }
      words.push(`${e.event.title} (${e.event.end ? `${e.event.start} – ${e.event.end}` : e.event.start})`);
      await auditedLink(store, methodology, acting, {
        country: s.country,
        edition: s.edition,
        target,
        request: { kind: 'event', eventId: e.event.id },
        now,
      });
    } else if (e.kind === 'test_anomalies') {
      words.push(
        `${e.anomalyCount} of ${e.measurementCount} ${e.testName} measurements anomalous from ${e.firstSeen} to ${e.lastSeen}`,
      );
      await auditedLink(store, methodology, acting, {
        country: s.country,
        edition: s.edition,
        target,
        request: { kind: 'measurement_query', filters: { testName: [e.testName] } },
        now,
      });
    } else {
      words.push(
        `blocking of ${e.domain} confirmed (${e.confirmations.join(', ')}) from ${e.firstSeen} to ${e.lastSeen}`,
      );
      await auditedLink(store, methodology, acting, {
        country: s.country,
        edition: s.edition,
        target,
        request: { kind: 'measurement_query', filters: { domain: [e.domain] } },
        now,
      });
    }
  }
  await answerKeyControl(
    store,
    methodology,
    acting,
    {
      country: s.country,
      edition: s.edition,
      controlId: s.controlId,
      answer: 'yes',
      evidence: `Accepted suggestion (${s.ruleIds.join(', ')}): ${[...new Set(words)].join('; ')}`,
      sources,
    },
    'assessment.accept_suggestion',
  );
}
