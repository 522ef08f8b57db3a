/**
 * One measurement: the verdict in words and its evidence, the network steps in the order they happened, the
 * certificate chains, the probe beside the control, the response body and the raw record (collapsed), with a link to
 * the same measurement on OONI Explorer when it is OONI's.
 */
import { api } from '../../api/client.js';
import type { Measurement } from '../../api/types.js';
import { Datum, EvidenceSentence, Message } from '../../components/message.js';
import { SimulatedBadge } from '../../components/simulated.js';
import { Await } from '../../components/status.js';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/messages.js';
import { href, Link } from '../../router.js';
import { useApi } from '../../use-api.js';
import { CertificateChains } from './certificate-chains.js';
import { networkSteps, requestChain } from './network-steps.js';
import { probeControlRows } from './probe-control.js';
import { ProbeControlTable } from './probe-control-table.js';
import { ResponseBody } from './response-body.js';
import { readTestKeys } from './test-keys.js';
import { verdictMessage } from './verdict-message.js';
import { Waterfall } from './waterfall.js';

export function MeasurementPage({ uid }: { uid: string }) {
  const { t } = useI18n();
  const m = useApi(() => api.measurement(uid), `m-${uid}`);
  return (
    <section>
      <h1>
        {t('measurement.title')} {m.status === 'ok' && m.data.simulated && <SimulatedBadge />}
      </h1>
      <Await state={m}>{(record) => <MeasurementView m={record} />}</Await>
    </section>
  );
}

function MeasurementView({ m }: { m: Measurement }) {
  const { t, dateTime, country } = useI18n();
  const keys = readTestKeys(m.raw);
  const a = m.analysis;
  const verdict = verdictMessage(a);
  const comparison = probeControlRows(keys, m.input);
  // The body shown is the one the probe's redirects ended at, the page it would have displayed.
  const final = requestChain(keys.requests, m.input)
    .filter((r) => r.status !== null)
    .at(-1);
  // The API's link to OONI Explorer (by uid, or by report_id and input): only an https URL becomes a link.
  const ooni = m.ooni_explorer_url?.startsWith('https://') ? m.ooni_explorer_url : null;
  return (
    <>
      {/* Said before anything else, so that no part of the page read or cut out alone passes for evidence. */}
      {m.simulated && (
        <p class="simulated-banner" role="note">
          {t('measurement.simulatedBanner')}
        </p>
      )}
      <p class="meta">
        <Datum>{m.input ?? m.domain ?? m.test_name}</Datum> · <code>{m.test_name}</code> ·{' '}
        <Link href={`/country/${m.probe_cc}`}>{country(m.probe_cc)}</Link> ·{' '}
        <Link href={`/network/${m.probe_asn}`}>{m.probe_asn}</Link> · {dateTime(m.measurement_start_time)} ·{' '}
        {t(`measuredBy.${m.source}`)} {m.simulated && <SimulatedBadge />}
      </p>
      <h2>{t('measurement.verdict')}</h2>
      <p class={`verdict outcome-${a.outcome}`} data-testid="verdict">
        {/* The technique in words, with the code the filters and the API use. */}
        <Message
          id={verdict.key}
          values={{
            technique: verdict.technique && (
              <>
                {t(`technique.${verdict.technique}` as MessageKey)} (<code>{verdict.technique}</code>)
              </>
            ),
          }}
        />{' '}
        {m.simulated && <SimulatedBadge />}
      </p>
      {a.evidence.length > 0 && (
        <>
          <h3>{t('measurement.evidence')}</h3>
          <ul class="evidence-list">
            {a.evidence.map((e, i) => (
              // Items and sentences go together one for one; an analysis stored without items shows the English.
              <li key={`${i}-${e}`}>
                <EvidenceSentence
                  item={a.evidence_items?.length === a.evidence.length ? a.evidence_items[i] : undefined}
                  english={e}
                />
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{t('measurement.steps')}</h2>
      <Waterfall steps={networkSteps(keys, m.input)} />
      <h2>{t('measurement.certs')}</h2>
      <CertificateChains
        chains={m.certificate_chains}
        intercepted={keys.interception.find((i) => i.knownCa)}
      />
      <h2>{t('measurement.probeControl')}</h2>
      <ProbeControlTable rows={comparison.rows} probeUrl={comparison.probeUrl} />
      <ResponseBody
        body={final?.body ?? null}
        contentType={final?.contentType ?? null}
        url={final?.url ?? null}
      />
      <h2>{t('measurement.raw')}</h2>
      <details>
        <summary>{t('measurement.raw')}</summary>
        <pre class="raw">{JSON.stringify(m.raw, null, 2)}</pre>
      </details>
      <p class="measurement-links">
        <Link
          href={href('/measurements', {
            probe_cc: m.probe_cc,
            domain: m.domain ?? undefined,
            // A simulated measurement's list includes simulated data, or it would come up empty.
            simulated: m.simulated ? '1' : undefined,
          })}
        >
          {t('nav.explorer')}
        </Link>
        {ooni && (
          <>
            {' · '}
            <a href={ooni} rel="noopener noreferrer" target="_blank" class="ooni-link">
              {t('measurement.onOoni')}
            </a>
          </>
        )}
      </p>
    </>
  );
}
