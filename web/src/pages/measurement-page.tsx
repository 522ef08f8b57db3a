/**
 * One measurement: the verdict in words, the DNS → TCP → TLS → HTTP steps with timings and failures, the
 * certificate chain, probe beside control, the response body (attacker-controlled: escaped text, or a sandboxed
 * iframe that cannot run scripts) and the raw JSON.
 */
import { useState } from 'preact/hooks';
import { api } from '../api/client.js';
import type { Measurement } from '../api/types.js';
import { Datum, EvidenceSentence, Message } from '../components/message.js';
import { SimulatedBadge } from '../components/simulated.js';
import { Await } from '../components/status.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { href, Link } from '../router.js';
import { useApi } from '../use-api.js';
import { stepSpan } from './step-span.js';
import { verdictMessage } from './verdict-message.js';

type Keys = Record<string, unknown> & {
  queries?:
    | {
        hostname: string;
        engine?: string;
        resolver_address?: string;
        failure: string | null;
        t0?: number;
        t: number;
        answers?: { ipv4?: string; ipv6?: string }[] | null;
      }[]
    | null;
  tcp_connect?:
    | {
        ip: string;
        port: number;
        t0?: number;
        t: number;
        status: { success: boolean; failure: string | null };
      }[]
    | null;
  tls_handshakes?:
    | {
        address?: string;
        server_name: string;
        failure: string | null;
        t0?: number;
        t: number;
        peer_certificates?: { data: string }[] | null;
      }[]
    | null;
  requests?:
    | {
        failure: string | null;
        t0?: number;
        t: number;
        request: { url: string };
        response: { code: number; body: string | { format: string; data: string } | null } | null;
      }[]
    | null;
  control?: {
    dns?: { addrs: string[]; failure: string | null };
    http_request?: Record<string, unknown>;
  } | null;
  x_tls?: { interception?: { known_ca: string | null; issuer: string | null; server_name: string }[] };
};

/** The response body as text; base64 bodies are decoded, anything else stays as given. */
export function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body && typeof body === 'object' && (body as { format?: string }).format === 'base64') {
    try {
      const bytes = Uint8Array.from(atob((body as { data: string }).data), (ch) => ch.charCodeAt(0));
      return new TextDecoder().decode(bytes);
    } catch {
      return '';
    }
  }
  return '';
}

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
  const { t, date, dateTime, country } = useI18n();
  const raw = (m.raw ?? {}) as { test_keys?: Keys };
  const keys: Keys = raw.test_keys ?? {};
  const a = m.analysis;
  const verdict = verdictMessage(a);
  const intercepted = keys.x_tls?.interception?.find((i) => i.known_ca);
  return (
    <>
      {/* Said before anything else, so that no part of the page read or cut out alone passes for evidence. */}
      {m.simulated && (
        <p class="simulated-banner" role="note">
          {t('measurement.simulatedBanner')}
        </p>
      )}
      <p class="meta">
        <Datum>{m.input ?? m.domain ?? '–'}</Datum> ·{' '}
        <Link href={`/country/${m.probe_cc}`}>{country(m.probe_cc)}</Link> ·{' '}
        <Link href={`/network/${m.probe_asn}`}>{m.probe_asn}</Link> · {dateTime(m.measurement_start_time)} ·{' '}
        <Datum>{m.source}</Datum> {m.simulated && <SimulatedBadge />}
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
      <Waterfall keys={keys} />
      <h2>{t('measurement.certs')}</h2>
      {intercepted && (
        <p class="badge tls-confirmed">
          <Message id="measurement.interception" values={{ name: <Datum>{intercepted.known_ca!}</Datum> }} />
        </p>
      )}
      {m.certificate_chains.length === 0 && <p class="muted">{t('common.none')}</p>}
      {m.certificate_chains.map((chain, i) => (
        <div key={`${chain.address}-${i}`} class="chain">
          <h3 class="datum">
            {chain.server_name ?? '–'} @ {chain.address ?? '–'}
          </h3>
          <ol class="certs">
            {chain.certificates.map((cert, j) =>
              'error' in cert ? (
                <li key={j} class="error datum">
                  {cert.error}
                </li>
              ) : (
                <li
                  key={cert.fingerprint_sha256}
                  class={
                    intercepted && cert.issuer.includes(intercepted.issuer ?? '\u0000') ? 'intercepted' : ''
                  }
                >
                  <div class="datum">
                    <strong>{cert.subject}</strong>
                  </div>
                  <div class="muted">
                    ← <span class="datum">{cert.issuer}</span> · {date(cert.valid_from)} –{' '}
                    {date(cert.valid_to)}
                  </div>
                  <code class="fingerprint">{cert.fingerprint_sha256}</code>
                </li>
              ),
            )}
          </ol>
        </div>
      ))}
      <h2>{t('measurement.probeControl')}</h2>
      <div class="side-by-side">
        <div>
          <h3>{t('measurement.probe')}</h3>
          <pre>
            {JSON.stringify(
              {
                dns: keys.queries?.flatMap((q) => q.answers?.map((x) => x.ipv4 ?? x.ipv6)) ?? null,
                http: keys.requests?.[0]?.response?.code ?? keys.requests?.[0]?.failure ?? null,
              },
              null,
              2,
            )}
          </pre>
        </div>
        <div>
          <h3>{t('measurement.control')}</h3>
          <pre>
            {JSON.stringify(
              { dns: keys.control?.dns ?? null, http: keys.control?.http_request ?? null },
              null,
              2,
            )}
          </pre>
        </div>
      </div>
      <Body keys={keys} />
      <h2>{t('measurement.raw')}</h2>
      <details>
        <summary>{t('measurement.raw')}</summary>
        <pre class="raw">{JSON.stringify(m.raw, null, 2)}</pre>
      </details>
      <p>
        <Link href={href('/measurements', { probe_cc: m.probe_cc, domain: m.domain ?? undefined })}>
          {t('nav.explorer')}
        </Link>
      </p>
    </>
  );
}

/**
 * One row per network step, its bar from when the step started to when it ended, on the measurement's clock
 * (OONI's t0 and t; a step recorded without t0 is drawn from the start).
 */
function Waterfall({ keys }: { keys: Keys }) {
  const { t: text, num } = useI18n();
  const step = (kind: string, label: string, at: { t0?: number; t: number }, failure: string | null) => ({
    kind,
    label,
    span: stepSpan(at),
    failure,
  });
  const steps = [
    ...(keys.queries ?? []).map((q) => step('DNS', `${q.hostname}${resolverOf(q)}`, q, q.failure)),
    ...(keys.tcp_connect ?? []).map((c) => step('TCP', `${c.ip}:${c.port}`, c, c.status.failure)),
    ...(keys.tls_handshakes ?? []).map((h) =>
      step('TLS', `${h.server_name} @ ${h.address ?? ''}`, h, h.failure),
    ),
    ...(keys.requests ?? []).map((r) =>
      step('HTTP', `${r.request.url} → ${r.response?.code ?? '–'}`, r, r.failure),
    ),
  ];
  const max = Math.max(0.001, ...steps.map((s) => s.span?.end ?? 0));
  const ms = (seconds: number) => text('unit.ms', { n: num(Math.round(seconds * 1000)) });
  return (
    <ol class="waterfall">
      {steps.map(({ kind, label, span, failure }, i) => (
        <li key={`${kind}-${i}`} class={failure ? 'step failed' : 'step'}>
          <span class="step-kind">{kind}</span>
          <span class="step-label datum">{label}</span>
          <span class="step-bar" aria-hidden="true">
            {span && (
              <span
                style={{
                  marginLeft: `${(span.start / max) * 100}%`,
                  width: `${Math.max(1, ((span.end - span.start) / max) * 100)}%`,
                }}
              />
            )}
          </span>
          {/* Older OONI records give no step times: the duration is unknown, not NaN. */}
          <span
            class="step-time"
            title={
              span ? text('measurement.stepSpan', { start: ms(span.start), end: ms(span.end) }) : undefined
            }
          >
            {span ? ms(span.end - span.start) : '–'}
          </span>
          {failure && <span class="step-failure datum">{failure}</span>}
        </li>
      ))}
    </ol>
  );
}

/** Which resolver answered: the system's (getaddrinfo) or a DNS server asked directly. */
function resolverOf(q: { engine?: string; resolver_address?: string }): string {
  if (!q.engine) return '';
  return q.resolver_address ? ` · ${q.engine} ${q.resolver_address}` : ` · ${q.engine}`;
}

function Body({ keys }: { keys: Keys }) {
  const { t } = useI18n();
  const [rendered, setRendered] = useState(false);
  const body = bodyText(keys.requests?.[0]?.response?.body ?? null);
  if (!body) return null;
  return (
    <>
      <h2>{t('measurement.body')}</h2>
      <div class="tabs">
        <button type="button" aria-pressed={!rendered} onClick={() => setRendered(false)}>
          {t('measurement.bodyText')}
        </button>
        <button type="button" aria-pressed={rendered} onClick={() => setRendered(true)}>
          {t('measurement.bodyRender')}
        </button>
      </div>
      {rendered ? (
        // An empty sandbox: no scripts, no forms, no same-origin access; the parent CSP applies too.
        <iframe class="body-frame" title={t('measurement.body')} sandbox="" srcDoc={body.slice(0, 200_000)} />
      ) : (
        <pre class="body-text" data-testid="body-text">
          {body.slice(0, 200_000)}
        </pre>
      )}
    </>
  );
}
