/**
 * netfreedom's technique for the messaging-app and circumvention tests, beyond OONI's outcome for them: what blocked
 * the app, from the steps every measurement records (a failed lookup or a lying answer: `dns`; a failed connect or
 * a dropped datagram: `tcp_ip`; a failed handshake: `tls`, or `tls_interception` when a chain the probe could not
 * verify was presented; a failed request: `http-failure`) and from the TLS facts netfreedom's probe adds (`x_tls`:
 * a known interception CA, an SNI-only failure, a handshake throttled by SNI). Works on OONI's measurements of the
 * same tests too; never changes their outcome.
 */
import type { EvidenceItem } from '../../model/analysis.js';
import type { TechniqueBlocking } from '../../model/verdict.js';
import { evidence } from '../evidence-messages.js';
import { clean } from '../evidence-text.js';
import { certificateInfo } from '../tls/certificate-info.js';
import type { InterceptionCaDb } from '../tls/interception-cas.js';
import { appSteps, type FailedStep } from './app-steps.js';

type Tk = Record<string, unknown>;

/** The technique and its evidence; `tlsConfirmed` when netfreedom's TLS checks show it. */
export interface AppTechnique {
  technique: TechniqueBlocking;
  tlsConfirmed: boolean;
  evidence: EvidenceItem[];
}

/** The order a failure is named in when several steps failed: the earliest layer explains the rest. */
const LAYER_ORDER: TechniqueBlocking[] = ['dns', 'tcp_ip', 'tls_interception', 'tls', 'http-failure'];
const MAX_ITEMS = 5;

/**
 * The technique for an app measurement whose outcome is `anomalous` (or not): a known interception CA and
 * throttling are named whatever the outcome (an app that works through an interceptor or slowly is still
 * interfered with); the other techniques only for an anomaly. Null when nothing is named.
 */
export function appTechnique(
  testName: string,
  tk: Tk,
  anomalous: boolean,
  cas: InterceptionCaDb,
): AppTechnique | null {
  const test = clean(testName);
  const steps = appSteps(testName, tk);
  const known = knownCaEvidence(steps, tk, cas);
  if (known.length > 0) return { technique: 'tls_interception', tlsConfirmed: true, evidence: known };
  if (anomalous) {
    const sni = sniEvidence(test, tk);
    if (sni.length > 0) return { technique: 'tls_sni', tlsConfirmed: true, evidence: sni };
    const failed = steps.failed;
    for (const layer of LAYER_ORDER) {
      const here = failed.filter((s) => s.layer === layer);
      if (here.length === 0) continue;
      return {
        technique: layer,
        tlsConfirmed: false,
        evidence: here.slice(0, MAX_ITEMS).map((s) => item(test, s)),
      };
    }
  }
  const throttled = throttlingEvidence(test, tk);
  if (throttled.length > 0) return { technique: 'throttling', tlsConfirmed: false, evidence: throttled };
  return null;
}

function item(test: string, s: FailedStep): EvidenceItem {
  return evidence('test_key_failure', { test, key: clean(s.where), value: clean(s.failure) });
}

/** A chain from a known interception CA: in the probe's checks (`x_tls`), or in a handshake's recorded chain. */
function knownCaEvidence(steps: ReturnType<typeof appSteps>, tk: Tk, cas: InterceptionCaDb): EvidenceItem[] {
  const out: EvidenceItem[] = [];
  for (const check of list(obj(tk.x_tls).interception).map(obj)) {
    if (typeof check.known_ca !== 'string' || !check.known_ca) continue;
    out.push(
      evidence('known_ca', {
        address: clean(check.address),
        server_name: clean(check.server_name),
        ca: clean(check.known_ca),
      }),
    );
  }
  if (out.length > 0) return out.slice(0, MAX_ITEMS);
  for (const h of steps.handshakes) {
    const chain = list(h.peer_certificates)
      .slice(0, 10)
      .map((c) => (typeof obj(c).data === 'string' ? certificateInfo(obj(c).data as string) : null))
      .filter((c) => c !== null);
    const match = chain.length > 0 ? cas.matchChain(chain) : null;
    if (match)
      out.push(
        evidence('known_ca', {
          address: clean(h.address ?? '?'),
          server_name: clean(h.server_name),
          ca: clean(match.name),
        }),
      );
  }
  return out.slice(0, MAX_ITEMS);
}

/** The probe's neutral-SNI retries that answered where the app's name failed. */
function sniEvidence(test: string, tk: Tk): EvidenceItem[] {
  return list(obj(tk.x_tls).sni)
    .map(obj)
    .filter((s) => typeof s.target_failure === 'string' && s.neutral_failure === null)
    .slice(0, MAX_ITEMS)
    .map((s) =>
      evidence('test_key_failure', {
        test,
        key: clean(`TLS handshake with ${s.address} for ${s.target_server_name}`),
        value: clean(`${s.target_failure}; with SNI ${s.neutral_server_name} the same address answered`),
      }),
    );
}

function throttlingEvidence(test: string, tk: Tk): EvidenceItem[] {
  return list(obj(tk.x_tls).throttling)
    .map(obj)
    .filter((t) => t.throttled === true)
    .slice(0, MAX_ITEMS)
    .map((t) =>
      evidence('test_key_failure', {
        test,
        key: clean(`TLS handshake with ${t.address}`),
        value: clean(
          `${seconds(t.handshake_time)} s${typeof t.repeat_handshake_time === 'number' ? ` (again ${seconds(t.repeat_handshake_time)} s)` : ''}; with a neutral SNI on the same address ${seconds(t.neutral_handshake_time)} s`,
        ),
      }),
    );
}

function seconds(v: unknown): string {
  return typeof v === 'number' && Number.isFinite(v) ? v.toFixed(2) : '?';
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function obj(v: unknown): Tk {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Tk) : {};
}
