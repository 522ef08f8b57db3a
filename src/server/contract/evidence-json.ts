/** The evidence lists in OONI's names: blocked sites, blocking changes, networks and domains. */
import { z } from 'zod';
import type {
  BlockedSite,
  ChangeEvent,
  DomainSummary,
  NetworkSummary,
} from '../../store/measurement-store.js';
import { named } from './api-schemas.js';
import { listContract } from './list-contract.js';

const count = (what: string) => z.number().int().describe(what);
const seen = (what: string) => z.string().describe(`${what}, ISO 8601 UTC`);
const simulatedCount = count(
  'how many of these measurements were produced by a simulated network (demo data, not evidence); 0 unless ' +
    'include_simulated=true',
);
/** The counts per outcome that networks and domains share (OONI's: each measurement in one of them). */
const outcomeCounts = {
  measurement_count: count('measurements'),
  anomaly_count: count('measurements whose outcome is anomaly (not confirmed)'),
  confirmed_count: count("measurements whose outcome is confirmed (OONI's fingerprint confirmation)"),
  tls_confirmed_count: count(
    "measurements netfreedom's TLS checks confirm (not one of OONI's outcomes; also counted under their outcome)",
  ),
  simulated_count: simulatedCount,
};

const blockedSiteJson = named(
  'BlockedSite',
  'A site blocked in a country: which sites are blocked here, how, since when',
  z.strictObject({
    domain: z.string(),
    category_code: z.string().nullable().describe('Citizen Lab category, when known'),
    techniques: z.array(z.string()).describe('blocking techniques seen (see MeasurementSummary.technique)'),
    networks: z.array(z.string()).describe('networks (ASNs) where it was seen blocked'),
    first_seen: seen('its first measurement that shows blocking'),
    last_seen: seen('its last measurement that shows blocking'),
    measurement_count: count("the domain's measurements in the country"),
    blocked_count: count(
      "its measurements that show blocking: OONI's anomaly or confirmed outcome, or a technique netfreedom names " +
        '(throttling and interception included, even on a page that loaded)',
    ),
    anomaly_count: count("OONI's anomaly outcome (not confirmed)"),
    confirmed_count: count("OONI's confirmed outcome (a confirming fingerprint)"),
    tls_confirmed_count: count("measurements netfreedom's TLS checks confirm, whatever their outcome"),
    unverified_confirmed_count: count(
      'confirmed measurements the trust rule leaves unverified (anonymous, not corroborated): counted as anomalies ' +
        'unless include_unverified=true',
    ),
    unverified_tls_confirmed_count: count('TLS-confirmed measurements the trust rule leaves unverified'),
    simulated_count: simulatedCount,
    anomaly_share: z.number().describe("OONI's share: (anomaly + confirmed) / measurement_count (0..1)"),
    confirmed: z
      .boolean()
      .describe(
        "OONI's confirmation: confirmed_count > 0 (a confirming blockpage or DNS fingerprint matched)",
      ),
    tls_confirmed: z.boolean().describe("netfreedom's TLS confirmation: tls_confirmed_count > 0"),
    unverified: z
      .boolean()
      .describe(
        'some confirmation of this site is unverified (see the trust rule; include_unverified=true counts it)',
      ),
  }),
);

/** Blocked sites of a country. */
export const blockedSiteList = listContract({
  pageId: 'BlockedSitePage',
  description: 'One page of the sites blocked in a country',
  item: blockedSiteJson,
  toJson: (s: BlockedSite): z.output<typeof blockedSiteJson> => ({
    domain: s.domain,
    category_code: s.categoryCode,
    techniques: s.techniques,
    networks: s.networks,
    first_seen: s.firstSeen,
    last_seen: s.lastSeen,
    measurement_count: s.measurementCount,
    blocked_count: s.blockedCount,
    anomaly_count: s.anomalyCount,
    confirmed_count: s.confirmedCount,
    tls_confirmed_count: s.tlsConfirmedCount,
    unverified_confirmed_count: s.unverifiedConfirmedCount,
    unverified_tls_confirmed_count: s.unverifiedTlsConfirmedCount,
    simulated_count: s.simulatedCount,
    anomaly_share: s.anomalyShare,
    confirmed: s.confirmed,
    tls_confirmed: s.tlsConfirmed,
    unverified: s.unverified,
  }),
});

const changeJson = named(
  'ChangeEvent',
  'A detected start or end of blocking for (country, network, domain), with the measurements behind it',
  z.strictObject({
    id: z.string(),
    probe_cc: z.string(),
    probe_asn: z.string(),
    domain: z.string(),
    kind: z.enum(['blocking_started', 'blocking_stopped']),
    at: z.string().describe('the change point, ISO 8601 UTC'),
    score: z
      .number()
      .describe('strength of the evidence (method-specific statistic, e.g. the CUSUM value at the alarm)'),
    method: z.string().describe('how it was detected, e.g. cusum'),
    measurement_uids: z.array(z.string()).describe('the measurements that support it'),
  }),
);

/** Blocking changes. */
export const changeList = listContract({
  pageId: 'ChangeEventPage',
  description: 'One page of blocking changes',
  item: changeJson,
  toJson: (e: ChangeEvent): z.output<typeof changeJson> => ({
    id: e.id,
    probe_cc: e.probeCc,
    probe_asn: e.probeAsn,
    domain: e.domain,
    kind: e.kind,
    at: e.at,
    score: e.score,
    method: e.method,
    measurement_uids: e.measurementUids,
  }),
});

const networkJson = named(
  'Network',
  'A network (ASN) with its measurement, anomaly and confirmed counts',
  z.strictObject({
    probe_asn: z.string(),
    probe_cc: z.string(),
    ...outcomeCounts,
    first_seen: seen('its first measurement'),
    last_seen: seen('its last measurement'),
  }),
);

/** Networks. */
export const networkList = listContract({
  pageId: 'NetworkPage',
  description: 'One page of networks',
  item: networkJson,
  toJson: (n: NetworkSummary): z.output<typeof networkJson> => ({
    probe_asn: n.probeAsn,
    probe_cc: n.probeCc,
    measurement_count: n.measurementCount,
    anomaly_count: n.anomalyCount,
    confirmed_count: n.confirmedCount,
    tls_confirmed_count: n.tlsConfirmedCount,
    simulated_count: n.simulatedCount,
    first_seen: n.firstSeen,
    last_seen: n.lastSeen,
  }),
});

const domainJson = named(
  'Domain',
  'A domain with the countries it was measured in and its counts',
  z.strictObject({
    domain: z.string(),
    category_code: z.string().nullable().describe('Citizen Lab category, when known'),
    countries: z.array(z.string()).describe('countries it was measured in'),
    ...outcomeCounts,
  }),
);

/** Domains. */
export const domainList = listContract({
  pageId: 'DomainPage',
  description: 'One page of domains',
  item: domainJson,
  toJson: (d: DomainSummary): z.output<typeof domainJson> => ({
    domain: d.domain,
    category_code: d.categoryCode,
    countries: d.countries,
    measurement_count: d.measurementCount,
    anomaly_count: d.anomalyCount,
    confirmed_count: d.confirmedCount,
    tls_confirmed_count: d.tlsConfirmedCount,
    simulated_count: d.simulatedCount,
  }),
});

export type BlockedSiteJson = z.output<typeof blockedSiteJson>;
export type ChangeEventJson = z.output<typeof changeJson>;
export type NetworkJson = z.output<typeof networkJson>;
export type DomainJson = z.output<typeof domainJson>;
