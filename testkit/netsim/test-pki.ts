/** Test certificates made at run time with openssl: a trusted test root, leaves per site, and look-alike "state" roots. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KeyPair {
  key: string;
  /** The leaf followed by the intermediates the server sends. */
  cert: string;
}

export interface CertAuthority {
  subject: string;
  pem: string;
  /** Issues a leaf for `names` (DNS names or IPs); `expired` makes notAfter precede notBefore. */
  issue(names: string[], opts?: { expired?: boolean }): KeyPair;
}

/** A PKI for one simulated Internet: `root` is what probes trust; `state` roots are the censor's. */
export interface TestPki {
  root: CertAuthority;
  /** A root nobody trusts (untrusted-root.badssl.com). */
  untrusted: CertAuthority;
  /** Named like Kazakhstan's interception roots; generated here, so only the names match the real ones. */
  qaznet: CertAuthority;
  isca: CertAuthority;
  /** Named like Signal's pinned root; the probe's signal test is given it in place of the bundled ones. */
  signal: CertAuthority;
  dispose(): void;
}

/** Every PKI folder not yet disposed: deleted when the process exits, also when no one called `dispose`. */
const liveDirs = new Set<string>();
process.on('exit', () => {
  for (const dir of liveDirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * Creates the PKI in a temporary folder (private keys never leave it; `dispose` deletes it, and so does the
 * process's exit). Keys are
 * ECDSA P-256 (a handshake signs far less than with RSA); `key: 'rsa'` makes RSA-2048 ones, as most
 * real sites still send.
 */
export function createTestPki(opts: { key?: 'ec' | 'rsa' } = {}): TestPki {
  const newKey =
    opts.key === 'rsa' ? ['-newkey', 'rsa:2048'] : ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'];
  const dir = mkdtempSync(join(tmpdir(), 'netfreedom-pki-'));
  liveDirs.add(dir);
  let serial = 0;
  const openssl = (...args: string[]) =>
    execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const makeCa = (name: string, subject: string): CertAuthority => {
    openssl(
      'req',
      '-x509',
      ...newKey,
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.pem`,
      '-subj',
      subject,
      '-days',
      '3650',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    );
    const pem = readFileSync(join(dir, `${name}.pem`), 'utf8');
    return {
      subject,
      pem,
      issue(names, opts = {}) {
        serial += 1;
        const base = `leaf${serial}`;
        const san = names.map((n) => (/^[\d.]+$/.test(n) ? `IP:${n}` : `DNS:${n}`)).join(',');
        writeFileSync(join(dir, `${base}.ext`), `subjectAltName=${san}\nbasicConstraints=CA:FALSE\n`);
        openssl(
          'req',
          ...newKey,
          '-nodes',
          '-keyout',
          `${base}.key`,
          '-out',
          `${base}.csr`,
          '-subj',
          `/CN=${names[0]}`,
        );
        openssl(
          'x509',
          '-req',
          '-in',
          `${base}.csr`,
          '-CA',
          `${name}.pem`,
          '-CAkey',
          `${name}.key`,
          '-set_serial',
          String(1000 + serial),
          '-days',
          opts.expired ? '-1' : '825',
          '-extfile',
          `${base}.ext`,
          '-out',
          `${base}.pem`,
        );
        return {
          key: readFileSync(join(dir, `${base}.key`), 'utf8'),
          cert: readFileSync(join(dir, `${base}.pem`), 'utf8'),
        };
      },
    };
  };
  return {
    root: makeCa('root', '/O=netfreedom simulation/CN=netfreedom Test Root'),
    untrusted: makeCa('untrusted', '/O=Nobody/CN=Untrusted Root'),
    qaznet: makeCa('qaznet', '/C=KZ/CN=Qaznet Trust Network'),
    isca: makeCa('isca', '/C=KZ/O=ISCA/CN=Information Security Certification Authority'),
    signal: makeCa('signal', '/C=US/O=Signal Messenger, LLC/CN=Signal Messenger'),
    dispose: () => {
      liveDirs.delete(dir);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
