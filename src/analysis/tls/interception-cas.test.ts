import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataPath } from '../../shared/paths.js';
import { type CertificateInfo, certificateInfo } from './certificate-info.js';
import { loadInterceptionCas, parseInterceptionCas } from './interception-cas.js';

const FILE = dataPath('interception', 'known-interception-cas.json');
const json = JSON.parse(readFileSync(FILE, 'utf8')) as {
  entries: {
    id: string;
    certificate?: string;
    chromium_file?: string;
    chromium_file_named_after?: 'sha256' | 'spki_sha256';
    ooni_reported_sha1?: string;
  }[];
};
const db = loadInterceptionCas();

/** The bundled PEM of an entry, parsed the way measurement chains are parsed. */
function bundled(certificate: string): CertificateInfo {
  const pem = readFileSync(dataPath('interception', certificate), 'utf8');
  const base64 = pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  return certificateInfo(base64)!;
}

const blank: CertificateInfo = { sha256: '', sha1: '', spkiSha256: null, issuer: '', subject: '' };

describe('the bundled interception roots', () => {
  it("are the ten roots of Chromium's Kazakhstan blocklist, each with its certificate", () => {
    expect(json.entries).toHaveLength(10);
    for (const e of json.entries) {
      expect(e.certificate, e.id).toMatch(/^certificates\/[a-z0-9-]+\.pem$/);
      expect(e.chromium_file, e.id).toMatch(/^[0-9a-f]{64}\.pem$/);
    }
    expect(db.cas.map((c) => c.id).sort()).toEqual(json.entries.map((e) => e.id).sort());
  });

  it('take every hash and date from the certificate, none copied by hand', () => {
    for (const e of json.entries) {
      expect(
        Object.keys(e).filter((k) => /sha|spki|not_|subject/.test(k) && k !== 'ooni_reported_sha1'),
      ).toEqual([]);
      const cert = bundled(e.certificate!);
      const ca = db.cas.find((c) => c.id === e.id)!;
      expect(ca).toMatchObject({ sha256: cert.sha256, sha1: cert.sha1, spkiSha256: cert.spkiSha256 });
      expect(ca.subject).toBe(cert.subject);
      expect(ca.notBefore).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(ca.notAfter).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
    expect(db.cas.find((c) => c.id === 'kz-qaznet-2019')).toMatchObject({
      notBefore: '2016-02-02T05:41:00Z',
      notAfter: '2046-02-02T05:41:00Z',
    });
  });

  it("match Chromium's file names: the certificate's SHA-256, except the one named after its SPKI", () => {
    for (const e of json.entries) {
      const cert = bundled(e.certificate!);
      const named = e.chromium_file!.replace(/\.pem$/, '');
      if (e.chromium_file_named_after === 'spki_sha256') {
        expect(cert.spkiSha256, e.id).toBe(named);
        expect(cert.sha256, e.id).not.toBe(named);
      } else expect(cert.sha256, e.id).toBe(named);
    }
    expect(
      json.entries.filter((e) => e.chromium_file_named_after === 'spki_sha256').map((e) => e.id),
    ).toEqual(['kz-isca-2020-batch-e']);
  });

  it("are the roots OONI's 2024 report names by SHA-1", () => {
    const reported = json.entries.filter((e) => e.ooni_reported_sha1);
    expect(reported).toHaveLength(4);
    for (const e of reported) expect(bundled(e.certificate!).sha1, e.id).toBe(e.ooni_reported_sha1);
  });

  it('are each matched by the exact certificate SHA-256 and by the SPKI hash, not only by the issuer name', () => {
    for (const e of json.entries) {
      const cert = bundled(e.certificate!);
      expect(db.matchChain([cert]), e.id).toMatchObject({ how: 'sha256', ca: { id: e.id } });
      expect(db.matchChain([{ ...blank, sha256: cert.sha256 }]), e.id).toMatchObject({
        how: 'sha256',
        ca: { id: e.id },
      });
      expect(db.matchChain([{ ...blank, spkiSha256: cert.spkiSha256 }]), e.id).toMatchObject({
        how: 'spki',
        ca: { id: e.id },
      });
    }
  });

  it('refuses an entry that carries hashes beside its certificate (they would drift apart)', () => {
    const doc = {
      entries: [{ id: 'x', label: 'X', certificate: 'certificates/kz-qaznet-2019.pem', sha256: '00' }],
    };
    expect(() =>
      parseInterceptionCas(JSON.stringify(doc), 'f.json', (p) =>
        readFileSync(dataPath('interception', p), 'utf8'),
      ),
    ).toThrow('f.json: entries[0]');
  });
});
