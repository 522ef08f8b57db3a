/**
 * `web_connectivity` (OONI ts-017, v0.5 "classic"): the observation of `observe.ts`, then the same rules the
 * pipeline applies — OONI's classic keys, then netfreedom's technique verdict (`x_verdict`).
 */
import { computeXVerdict } from '../../../analysis/tls/x-verdict.js';
import { computeClassicKeys } from '../../../analysis/web-connectivity/classic.js';
import type { WebConnectivityTestKeys } from '../../../model/measurement.js';
import { InvalidInputError } from '../../../shared/errors.js';
import type { Experiment } from '../experiment.js';
import { observeWebConnectivity } from './observe.js';

/** We reproduce web_connectivity v0.5's steps and classic analysis. */
export const WEB_CONNECTIVITY_VERSION = '0.5.28';

export const webConnectivity: Experiment<WebConnectivityTestKeys> = {
  name: 'web_connectivity',
  version: WEB_CONNECTIVITY_VERSION,
  suite: 'websites',
  summary:
    'websites: DNS, TCP, TLS and HTTP against the control, plus SNI, interception and throttling checks',
  needsControl: true,
  takesInput: true,
  defaultInputs: () => [],
  async measure(input, ctx) {
    if (input === null) throw new InvalidInputError('web_connectivity measures URLs: give one');
    const observed = await observeWebConnectivity(input, ctx.cfg, ctx.known);
    const tk = observed.testKeys;
    const classic = computeClassicKeys(tk, { input, testVersion: WEB_CONNECTIVITY_VERSION });
    Object.assign(tk, classic);
    tk.x_verdict = computeXVerdict(tk, classic, { interceptionCas: ctx.known });
    return {
      testKeys: tk,
      runtimeSeconds: observed.runtimeSeconds,
      clientIp: observed.clientIp,
      usedControl: true,
    };
  },
};
