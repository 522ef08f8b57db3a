/** The decoded certificate chains of a measurement's TLS handshakes, the interception CA marked when one was found. */
import type { Measurement } from '../../api/types.js';
import { Datum, Message } from '../../components/message.js';
import { useI18n } from '../../i18n/i18n.js';
import type { Interception } from './test-keys.js';

export function CertificateChains({
  chains,
  intercepted,
}: {
  chains: Measurement['certificate_chains'];
  intercepted: Interception | undefined;
}) {
  const { t, date } = useI18n();
  return (
    <>
      {intercepted?.knownCa && (
        // netfreedom's TLS confirmation, styled as its badge is.
        <p class="badge tls-confirmed">
          <Message id="measurement.interception" values={{ name: <Datum>{intercepted.knownCa}</Datum> }} />
        </p>
      )}
      {chains.length === 0 && <p class="muted">{t('common.none')}</p>}
      {chains.map((chain, i) => (
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
                  class={intercepted?.issuer && cert.issuer.includes(intercepted.issuer) ? 'intercepted' : ''}
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
    </>
  );
}
