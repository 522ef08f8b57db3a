/** netfreedom's technique-level verdict (x_verdict): SNI filtering, interception, throttling and TLS failures beyond OONI's enum, with its evidence. */
import type { EvidenceItem, FingerprintMatch } from '../../model/analysis.js';
import type {
  ControlResponse,
  OoniBlocking,
  TlsHandshake,
  WebConnectivityTestKeys,
} from '../../model/measurement.js';
import type { InterceptionCheck, XVerdict } from '../../model/verdict.js';
import { evidence, evidenceSentence } from '../evidence-messages.js';
import { clean } from '../evidence-text.js';
import {
  classicDisagreement,
  fingerprintEvidence,
  fingerprintTechnique,
} from '../web-connectivity/blockpage-evidence.js';
import type { ClassicKeys } from '../web-connectivity/classic.js';
import { classicEvidence } from '../web-connectivity/classic-evidence.js';
import { arr, usableControl } from '../web-connectivity/observations.js';
import { pageDiffersFromControl } from '../web-connectivity/page-comparison.js';
import { type CertificateInfo, certificateInfo } from './certificate-info.js';
import type { InterceptionCaDb } from './interception-cas.js';
import { throttledEvidence, throttlingNotJudged } from './throttling-evidence.js';

/** What the TLS rules need besides the test keys. */
export interface XVerdictContext {
  interceptionCas: InterceptionCaDb;
  /** The OONI fingerprints that confirm blocking here (fastpath semantics): they name the technique too. */
  confirmingFingerprints?: readonly FingerprintMatch[];
}

/** The classic verdicts that already say blocking (OONI's anomaly); `false` and `null` do not. */
const CLASSIC_BLOCKING = new Set<OoniBlocking>(['dns', 'tcp_ip', 'http-failure', 'http-diff']);

/** Failures that an SNI filter produces: a dropped or reset handshake, not a certificate problem. */
const SNI_FAILURES = new Set(['generic_timeout_error', 'connection_reset', 'eof_error']);
const CERT_FAILURES = new Set(['ssl_unknown_authority', 'ssl_invalid_certificate', 'ssl_invalid_hostname']);

/** The technique-level verdict with its evidence as data (`XVerdict`, whose evidence is in words, is the archived form). */
export interface TechniqueVerdict extends Omit<XVerdict, 'evidence'> {
  evidence: EvidenceItem[];
}

/** The verdict as the probe archives it in `test_keys.x_verdict`: the evidence in English words. */
export function computeXVerdict(
  tk: WebConnectivityTestKeys,
  classic: ClassicKeys,
  ctx: XVerdictContext,
): XVerdict {
  const v = computeTechniqueVerdict(tk, classic, ctx);
  return { ...v, evidence: v.evidence.map(evidenceSentence) };
}

/**
 * Names the technique: `tls_interception` (a known interception CA in the peer chain — TLS-confirmed — or a
 * chain the control did not see and the probe could not verify), `tls_sni` (the target SNI failed where
 * a neutral SNI on the same address and the control succeeded — TLS-confirmed), a confirming OONI fingerprint's
 * technique when the classic verdict names none, `http-diff` when the page the classic verdict calls accessible
 * is another page than the control's (a transparent proxy's), `throttling`, `tls` (a TLS
 * handshake failed where the control's succeeded), else the classic verdict. Works without `x_tls`
 * (plain OONI data) from `tls_handshakes[].peer_certificates` and the control's `tls_handshake`.
 */
export function computeTechniqueVerdict(
  tk: WebConnectivityTestKeys,
  classic: ClassicKeys,
  ctx: XVerdictContext,
): TechniqueVerdict {
  if (!tk || typeof tk !== 'object') {
    return {
      blocking: null,
      accessible: null,
      confirmed: false,
      tls_confirmed: false,
      evidence: [evidence('no_test_keys_verdict')],
    };
  }
  const control = usableControl(tk);
  const fingerprints = ctx.confirmingFingerprints ?? [];
  const confirmedByFingerprint = fingerprints.length > 0;
  const interception = findInterception(tk, control, ctx.interceptionCas);
  if (interception?.confirmed) return interception.verdict(classic, confirmedByFingerprint);
  const blockedOrUnknown = classic.accessible !== true && classic.blocking !== 'dns';
  if (blockedOrUnknown) {
    const sni = findSniBlocking(tk, control);
    if (sni) {
      return {
        blocking: 'tls_sni',
        accessible: false,
        confirmed: confirmedByFingerprint,
        tls_confirmed: true,
        evidence: sni,
      };
    }
  }
  // A fingerprint that confirms blocking where OONI's classic keys see none (a redirect to a blockpage host
  // with the same status code and headers as the control's page) still names a technique: never an empty one.
  if (confirmedByFingerprint && !CLASSIC_BLOCKING.has(classic.blocking)) {
    const disagreement = classicDisagreement(classic);
    return {
      blocking: fingerprintTechnique(fingerprints),
      accessible: false,
      confirmed: true,
      tls_confirmed: false,
      evidence: [...fingerprintEvidence(tk, fingerprints), ...(disagreement ? [disagreement] : [])],
    };
  }
  // A transparent proxy's own page, which OONI's classic comparison takes for the site's (page-comparison.ts).
  const otherPage = pageDiffersFromControl(tk, classic);
  if (otherPage) {
    return {
      blocking: 'http-diff',
      accessible: false,
      confirmed: confirmedByFingerprint,
      tls_confirmed: false,
      evidence: [otherPage],
    };
  }
  const throttled = arr(tk.x_tls?.throttling).filter((t) => t?.throttled === true);
  if (throttled.length > 0) {
    return {
      blocking: 'throttling',
      accessible: classic.accessible,
      confirmed: confirmedByFingerprint,
      tls_confirmed: false,
      evidence: throttled.map(throttledEvidence),
    };
  }
  if (interception) return interception.verdict(classic, confirmedByFingerprint);
  if (blockedOrUnknown) {
    const tls = findTlsFailures(tk, control);
    if (tls.length > 0) {
      return {
        blocking: 'tls',
        accessible: false,
        confirmed: confirmedByFingerprint,
        tls_confirmed: false,
        evidence: tls,
      };
    }
  }
  const reasons = [
    ...classicEvidence(tk, classic),
    ...fingerprintEvidence(tk, fingerprints),
    ...throttlingNotJudged(tk),
  ];
  return {
    blocking: classic.blocking,
    accessible: classic.accessible,
    confirmed: confirmedByFingerprint,
    tls_confirmed: false,
    evidence: reasons,
  };
}

interface InterceptionFinding {
  /** Shown by a known interception CA (netfreedom's TLS confirmation). */
  confirmed: boolean;
  verdict(classic: ClassicKeys, confirmedByFingerprint: boolean): TechniqueVerdict;
}

function findInterception(
  tk: WebConnectivityTestKeys,
  control: ControlResponse | null,
  cas: InterceptionCaDb,
): InterceptionFinding | null {
  const known: EvidenceItem[] = [];
  const suspicious: EvidenceItem[] = [];
  // Our probe's own checks (x_tls.interception).
  for (const check of arr<InterceptionCheck>(tk.x_tls?.interception)) {
    if (!check || typeof check !== 'object') continue;
    const byHash = cas.matchChain(
      arr(check.chain_sha256).map((sha256) => ({
        sha256: String(sha256).toLowerCase(),
        sha1: '',
        spkiSha256: null,
        issuer: '',
        subject: '',
      })),
    );
    const name = check.known_ca ?? byHash?.name ?? null;
    const at = { address: clean(check.address), server_name: clean(check.server_name) };
    if (name) {
      known.push(
        check.issuer
          ? evidence('known_ca_issuer', { ...at, ca: clean(name), issuer: clean(check.issuer) })
          : evidence('known_ca', { ...at, ca: clean(name) }),
      );
    } else if (check.matches_control === false && check.trusted === false) {
      suspicious.push(
        check.issuer
          ? evidence('untrusted_chain_issuer', { ...at, issuer: clean(check.issuer) })
          : evidence('untrusted_chain', at),
      );
    }
  }
  // Plain OONI data: the peer chain archived with each handshake.
  for (const h of arr<TlsHandshake>(tk.tls_handshakes)) {
    if (!h || typeof h !== 'object') continue;
    const chain = peerChain(h);
    if (chain.length === 0) continue;
    const match = cas.matchChain(chain);
    const at = { address: clean(h.address ?? '?'), server_name: clean(h.server_name) };
    if (match) {
      known.push(
        evidence('known_ca_matched', {
          ...at,
          issuer: clean(match.certificate.issuer || match.certificate.subject),
          ca: clean(match.name),
          how: match.how,
        }),
      );
      continue;
    }
    const controlChain = h.address ? control?.x_certificate_sha256?.[h.address] : undefined;
    const leaf = chain[0]!;
    if (
      Array.isArray(controlChain) &&
      controlChain.length > 0 &&
      !controlChain.includes(leaf.sha256) &&
      CERT_FAILURES.has(String(h.failure))
    ) {
      suspicious.push(
        evidence('untrusted_certificate', { ...at, issuer: clean(leaf.issuer), failure: clean(h.failure) }),
      );
    }
  }
  if (known.length > 0) {
    return {
      confirmed: true,
      verdict: (classic, confirmedByFingerprint) => ({
        blocking: 'tls_interception',
        accessible: classic.accessible,
        confirmed: confirmedByFingerprint,
        tls_confirmed: true,
        evidence: known,
      }),
    };
  }
  if (suspicious.length > 0) {
    return {
      confirmed: false,
      verdict: (_classic, confirmedByFingerprint) => ({
        blocking: 'tls_interception',
        accessible: false,
        confirmed: confirmedByFingerprint,
        tls_confirmed: false,
        evidence: suspicious,
      }),
    };
  }
  return null;
}

/** The parsed peer certificates of a handshake, leaf first; unparsable ones are skipped. */
function peerChain(h: TlsHandshake): CertificateInfo[] {
  const out: CertificateInfo[] = [];
  for (const c of arr(h.peer_certificates).slice(0, 10)) {
    const info = c && typeof c.data === 'string' ? certificateInfo(c.data) : null;
    if (info) out.push(info);
  }
  return out;
}

function findSniBlocking(
  tk: WebConnectivityTestKeys,
  control: ControlResponse | null,
): EvidenceItem[] | null {
  const out: EvidenceItem[] = [];
  for (const s of arr(tk.x_tls?.sni)) {
    if (!s || !SNI_FAILURES.has(String(s.target_failure)) || s.neutral_failure !== null) continue;
    const th = control?.tls_handshake?.[s.address];
    if (th?.status !== true) continue;
    out.push(
      evidence('sni_blocked', {
        address: clean(s.address),
        server_name: clean(s.target_server_name),
        failure: clean(s.target_failure),
        neutral_name: clean(s.neutral_server_name),
        control_name: clean(th.server_name),
      }),
    );
  }
  return out.length > 0 ? out : null;
}

function findTlsFailures(tk: WebConnectivityTestKeys, control: ControlResponse | null): EvidenceItem[] {
  const out: EvidenceItem[] = [];
  for (const h of arr<TlsHandshake>(tk.tls_handshakes)) {
    if (!h?.failure || !h.address) continue;
    const th = control?.tls_handshake?.[h.address];
    if (th?.status !== true || th.server_name !== h.server_name) continue;
    out.push(
      evidence('tls_failed', {
        address: clean(h.address),
        server_name: clean(h.server_name),
        failure: clean(h.failure),
      }),
    );
  }
  return out;
}
