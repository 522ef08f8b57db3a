/** The analysis API used by the probe, the pipeline and the server (re-exports only). */
export { type AnalysisContext, analyzeMeasurement, loadAnalysisContext, RULES_VERSION } from './analyze.js';
export { type Fingerprint, FingerprintDb, loadFingerprints } from './fingerprints/fingerprint-db.js';
export { type OutcomeFlags, outcomeOf, webConnectivityOutcomeFlags } from './outcome.js';
export { otherTestOutcomeFlags } from './outcome-other-tests.js';
export { type CertificateInfo, certificateInfo } from './tls/certificate-info.js';
export { type InterceptionCaDb, loadInterceptionCas } from './tls/interception-cas.js';
export { computeXVerdict, type XVerdictContext } from './tls/x-verdict.js';
export { type ClassicKeys, type ClassicOptions, computeClassicKeys } from './web-connectivity/classic.js';
export { COMMON_HEADERS, computeHttpDiff, isHttpDiff } from './web-connectivity/http-diff.js';
