import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPki, type TestPki } from '../../testkit/netsim/test-pki.js';
import { hostIdentity, subjectField, trustIndex } from './peer-chain.js';

let pki: TestPki;
let dir: string;

/** A self-signed certificate with a subject and no subjectAltName: Node then checks the host against the CN. */
function cnOnly(subject: string): X509Certificate {
  const out = join(dir, `${Math.random().toString(36).slice(2)}.pem`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      `${out}.key`,
      '-out',
      out,
      '-days',
      '1',
      '-subj',
      subject,
    ],
    { stdio: 'ignore' },
  );
  return new X509Certificate(readFileSync(out));
}

/** Node's host-name check: undefined when the name matches, else the error's code. */
function verdict(host: string, cert: tls.PeerCertificate): string | undefined {
  return (tls.checkServerIdentity(host, cert) as NodeJS.ErrnoException | undefined)?.code;
}

/** Node's check on our identity object and on its own legacy object agree, error code and all. */
function sameVerdicts(cert: X509Certificate, hosts: string[]): void {
  const legacy = cert.toLegacyObject();
  for (const host of hosts) {
    expect(verdict(host, hostIdentity(cert)), host).toBe(verdict(host, legacy));
  }
}

beforeAll(() => {
  pki = createTestPki();
  dir = mkdtempSync(join(tmpdir(), 'netfreedom-peer-chain-'));
});
afterAll(() => {
  pki?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('hostIdentity', () => {
  it('gives the host-name check the same names as getPeerCertificate() (DNS and IP alternative names)', () => {
    const cert = new X509Certificate(pki.root.issue(['www.example.com', '*.example.org', '10.1.2.3']).cert);
    const identity = hostIdentity(cert);
    expect(identity.subjectaltname).toBe(cert.toLegacyObject().subjectaltname);
    expect(identity.subjectaltname).toContain('IP Address:10.1.2.3');
    sameVerdicts(cert, [
      'www.example.com',
      'a.example.org',
      'a.b.example.org',
      'example.org',
      '10.1.2.3',
      '10.1.2.4',
    ]);
  });

  it('falls back to the subject CN like Node when there is no alternative name', () => {
    const cert = cnOnly('/C=KZ/O=Test, Inc./CN=only.example');
    expect(hostIdentity(cert).subject.CN).toBe('only.example');
    expect(hostIdentity(cert).subjectaltname).toBeUndefined();
    sameVerdicts(cert, ['only.example', 'other.example', 'ONLY.example', '127.0.0.1']);
  });

  it('has no names for no certificate', () => {
    expect(verdict('x.example', hostIdentity(undefined))).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
  });
});

describe('subjectField', () => {
  it('unescapes RFC 2253 escapes and gives repeated fields as an array', () => {
    expect(subjectField('C=KZ\nO=a\\, b\\+c\nCN=x.example', 'O')).toBe('a, b+c');
    expect(subjectField('CN=a.example\nCN=b.example', 'CN')).toEqual(['a.example', 'b.example']);
    expect(subjectField('O=line\\0Abreak', 'O')).toBe('line\nbreak');
    expect(subjectField('C=KZ', 'CN')).toBeUndefined();
    expect(subjectField('CNX=a', 'CN')).toBeUndefined();
  });
});

describe('trustIndex', () => {
  it('indexes every certificate of PEM texts by subject and skips what does not parse', () => {
    const index = trustIndex([
      pki.root.pem + pki.qaznet.pem,
      'not a certificate',
      '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----',
      Buffer.from(pki.isca.pem),
    ]);
    expect([...index.values()].flat()).toHaveLength(3);
    expect(index.get(new X509Certificate(pki.qaznet.pem).subject)).toHaveLength(1);
  });
});
