/** Which headline a measurement's verdict gets, and the technique it names, if any. */
import { isTechnique } from '../../../src/model/verdict.js';
import type { Measurement } from '../api/types.js';
import type { MessageKey } from '../i18n/messages.js';

type Verdict = Pick<Measurement['analysis'], 'outcome' | 'confirmed' | 'technique' | 'blocking'>;

/** The headline's key and its technique code: netfreedom's technique, else OONI's classic blocking. */
export function verdictMessage(a: Verdict): { key: MessageKey; technique: string | null } {
  const code = String(a.technique || a.blocking || '');
  const technique = code && code !== 'false' && isTechnique(code) ? code : null;
  if (a.outcome === 'failure') return { key: 'verdict.failure', technique: null };
  if (a.outcome === 'ok')
    return technique
      ? { key: 'verdict.accessibleWith', technique }
      : { key: 'verdict.accessible', technique };
  if (!technique)
    return { key: a.confirmed ? 'verdict.confirmedNoTechnique' : 'verdict.anomalyNoTechnique', technique };
  return { key: a.confirmed ? 'verdict.confirmed' : 'verdict.blocked', technique };
}
