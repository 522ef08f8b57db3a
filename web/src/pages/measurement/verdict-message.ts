/** Which headline a measurement's verdict gets, and the technique it names, if any. */
import { isTechnique } from '../../../../src/model/verdict.js';
import type { Measurement } from '../../api/types.js';
import type { MessageKey } from '../../i18n/messages.js';

type Verdict = Pick<
  Measurement['analysis'],
  'outcome' | 'confirmed' | 'tls_confirmed' | 'technique' | 'blocking'
>;

/**
 * The headline's key and its technique code: netfreedom's technique, else OONI's classic blocking. Confirmed says
 * OONI's confirmation; TLS-confirmed, netfreedom's own (SNI retry, known interception CA), when OONI's is absent.
 */
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
  const key =
    a.confirmed && a.tls_confirmed
      ? 'verdict.bothConfirmed'
      : a.confirmed
        ? 'verdict.confirmed'
        : a.tls_confirmed
          ? 'verdict.tlsConfirmed'
          : 'verdict.blocked';
  return { key, technique };
}
