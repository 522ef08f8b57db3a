/**
 * The OONI field list (df-000 base, web_connectivity test keys, df-001/002/005/006/008 records) as a checker:
 * every problem is `path: what is wrong`, so a measurement "validates" when the list is empty.
 */

type Kind = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null';
type Spec = Record<string, Kind[]>;

const BASE: Spec = {
  data_format_version: ['string'],
  input: ['string', 'null'],
  measurement_start_time: ['string'],
  probe_asn: ['string'],
  probe_cc: ['string'],
  probe_ip: ['string'],
  report_id: ['string'],
  software_name: ['string'],
  software_version: ['string'],
  test_keys: ['object'],
  test_name: ['string'],
  test_runtime: ['number'],
  test_start_time: ['string'],
  test_version: ['string'],
  annotations: ['object'],
};

const TEST_KEYS: Spec = {
  queries: ['array', 'null'],
  tcp_connect: ['array', 'null'],
  tls_handshakes: ['array', 'null'],
  requests: ['array', 'null'],
  network_events: ['array', 'null'],
  control: ['object', 'null'],
  control_failure: ['string', 'null'],
  dns_experiment_failure: ['string', 'null'],
  http_experiment_failure: ['string', 'null'],
  dns_consistency: ['string', 'null'],
  body_length_match: ['boolean', 'null'],
  status_code_match: ['boolean', 'null'],
  headers_match: ['boolean', 'null'],
  title_match: ['boolean', 'null'],
  blocking: ['string', 'boolean', 'null'],
  accessible: ['boolean', 'null'],
};

const TRACED: Spec = { t: ['number'], t0: ['number'], transaction_id: ['number'], tags: ['array', 'null'] };
const RECORDS: Record<string, Spec> = {
  queries: {
    ...TRACED,
    answers: ['array', 'null'],
    engine: ['string'],
    failure: ['string', 'null'],
    hostname: ['string'],
    query_type: ['string'],
    resolver_address: ['string'],
  },
  tcp_connect: { ...TRACED, ip: ['string'], port: ['number'], status: ['object'] },
  tls_handshakes: {
    ...TRACED,
    address: ['string'],
    cipher_suite: ['string'],
    failure: ['string', 'null'],
    negotiated_protocol: ['string'],
    no_tls_verify: ['boolean'],
    peer_certificates: ['array', 'null'],
    server_name: ['string'],
    tls_version: ['string'],
  },
  requests: { ...TRACED, failure: ['string', 'null'], request: ['object'], response: ['object', 'null'] },
  network_events: { ...TRACED, failure: ['string', 'null'], operation: ['string'] },
};

const BLOCKING = new Set(['dns', 'tcp_ip', 'http-failure', 'http-diff']);

function kindOf(v: unknown): Kind {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v as Kind;
}

function check(obj: Record<string, unknown>, spec: Spec, path: string, out: string[]): void {
  for (const [key, kinds] of Object.entries(spec)) {
    if (!(key in obj)) out.push(`${path}${key}: missing`);
    else if (!kinds.includes(kindOf(obj[key])))
      out.push(`${path}${key}: ${kindOf(obj[key])}, expected ${kinds.join(' | ')}`);
  }
}

/** Problems of a web_connectivity measurement against OONI's field list; empty when it validates. */
export function ooniFieldProblems(m: Record<string, unknown>): string[] {
  const out: string[] = [];
  check(m, BASE, '', out);
  if (m.test_name !== 'web_connectivity') out.push(`test_name: ${String(m.test_name)}`);
  if (
    typeof m.measurement_start_time === 'string' &&
    !/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(m.measurement_start_time)
  ) {
    out.push('measurement_start_time: not "YYYY-MM-DD hh:mm:ss"');
  }
  if (typeof m.probe_asn === 'string' && !/^AS\d+$/.test(m.probe_asn))
    out.push('probe_asn: not "AS<number>"');
  const tk = m.test_keys as Record<string, unknown> | null;
  if (!tk || typeof tk !== 'object') return out;
  check(tk, TEST_KEYS, 'test_keys.', out);
  if (typeof tk.blocking === 'string' && !BLOCKING.has(tk.blocking))
    out.push(`test_keys.blocking: "${tk.blocking}"`);
  if (tk.blocking === true) out.push('test_keys.blocking: true');
  for (const [key, spec] of Object.entries(RECORDS)) {
    const list = tk[key];
    if (!Array.isArray(list)) continue;
    for (const [i, r] of list.entries())
      check(r as Record<string, unknown>, spec, `test_keys.${key}[${i}].`, out);
  }
  return out;
}
