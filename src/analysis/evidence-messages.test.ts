import { describe, expect, it } from 'vitest';
import { EVIDENCE_MESSAGES, evidence, evidenceSentence, scrubEvidence } from './evidence-messages.js';

describe('evidence as data', () => {
  it('reads in English as the analysis has always written it', () => {
    expect(
      evidenceSentence(
        evidence('dns_inconsistent', {
          addrs: { list: ['10.10.34.36'], more: 0 },
          host: 'www.facebook.com',
          control_addrs: { list: ['1.1.1.1', '2.2.2.2', '3.3.3.3', '4.4.4.4'], more: 2 },
        }),
      ),
    ).toBe(
      'The resolver answered 10.10.34.36 for www.facebook.com; the control resolved 1.1.1.1, 2.2.2.2, 3.3.3.3, 4.4.4.4 and 2 more (no address or network in common).',
    );
    expect(
      evidenceSentence(
        evidence('http_diff', {
          status_code_match: true,
          body_length_match: false,
          body_proportion: { number: 0.5, digits: 2 },
          headers_match: false,
          title_match: null,
        }),
      ),
    ).toBe(
      "The page differs from the control's: status code match yes, body length match no (proportion 0.50), uncommon headers in common no, title match unknown.",
    );
    expect(
      evidenceSentence(
        evidence('dns_lookup_failed', {
          host: 'x.org',
          failure: 'dns_nxdomain_error',
          control_addrs: { list: [], more: 0 },
        }),
      ),
    ).toBe(
      'The DNS lookup of x.org failed with dns_nxdomain_error while the control resolved it to nothing.',
    );
  });

  it('fills each value once: a value that looks like a placeholder stays as it is', () => {
    expect(evidenceSentence(evidence('http_failed', { failure: '{failure} <script>' }))).toBe(
      'Fetching the page failed with {failure} <script> while the control fetched it.',
    );
  });

  it('removes the probe’s address from every quoted value, lists included', () => {
    const items = scrubEvidence(
      [
        evidence('tcp_failed', { endpoint: '192.0.2.7:443', failure: 'x' }),
        evidence('dns_inconsistent', {
          addrs: { list: ['192.0.2.7'], more: 0 },
          host: 'h',
          control_addrs: { list: [], more: 0 },
        }),
      ],
      '192.0.2.7',
    );
    expect(items.map(evidenceSentence).join(' ')).not.toContain('192.0.2.7');
    expect(items[0]!.values.endpoint).toBe('[probe address removed]:443');
    expect(items[1]!.values.addrs).toEqual({ list: ['[probe address removed]'], more: 0 });
  });

  it('has a sentence for every key, each placeholder named once at most', () => {
    for (const [key, text] of Object.entries(EVIDENCE_MESSAGES)) {
      const names = text.match(/\{\w+\}/g) ?? [];
      expect(new Set(names).size, key).toBe(names.length);
    }
  });
});
