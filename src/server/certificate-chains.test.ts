import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataPath } from '../shared/paths.js';
import { certificateChains } from './certificate-chains.js';

const demo = readFileSync(dataPath('demo', 'kz-simulated.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { annotations: { scenario: string } });

describe('certificateChains', () => {
  it('names the interception root in the simulated Qaznet chain', () => {
    const m = demo.find((d) => d.annotations.scenario === 'kzInterceptionQaznetUntrusted')!;
    const [chain] = certificateChains(m);
    expect(chain!.serverName).toBeTruthy();
    const certs = chain!.certificates as { subject: string; issuer: string; fingerprint256: string }[];
    expect(certs).toHaveLength(2);
    expect(certs[0]!.issuer).toContain('Qaznet');
    expect(certs[0]!.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('survives hostile input: garbage certificates, wrong types, huge lists', () => {
    const raw = {
      test_keys: {
        tls_handshakes: [
          {
            address: '1.2.3.4:443',
            server_name: 'x',
            peer_certificates: [{ data: 'bm90IGEgY2VydA==' }, { data: 5 }, null],
          },
          { peer_certificates: 'nope' },
          'string',
          { server_name: 'y', peer_certificates: Array.from({ length: 50 }, () => ({ data: '' })) },
        ],
      },
    };
    const chains = certificateChains(raw);
    expect(chains).toHaveLength(2);
    expect(chains[0]!.certificates).toEqual([
      { error: 'could not decode the certificate' },
      { error: 'not a base64 certificate' },
      { error: 'not a base64 certificate' },
    ]);
    expect(chains[1]!.certificates).toHaveLength(10);
    expect(certificateChains(null)).toEqual([]);
    expect(certificateChains({ test_keys: { tls_handshakes: {} } })).toEqual([]);
  });
});
