import { describe, expect, it } from 'vitest';
import { evidence, evidenceSentence } from '../../../src/analysis/evidence-messages.js';
import { evidenceParts } from './evidence-text.js';
import { makeI18n } from './i18n.js';

const text = (parts: ReturnType<typeof evidenceParts>) =>
  parts?.map((p) => (typeof p === 'string' ? p : p.datum)).join('');

describe('evidence in the reader’s language', () => {
  it('translates the sentence and keeps the values it quotes as data', () => {
    const item = evidence('tcp_failed', { endpoint: '192.0.2.1:443', failure: 'generic_timeout_error' });
    const ru = evidenceParts(makeI18n('ru'), item)!;
    expect(text(ru)).toBe(
      'TCP-соединение с 192.0.2.1:443 не установлено: generic_timeout_error; контрольное измерение подключилось к тому же адресу.',
    );
    expect(ru.filter((p) => typeof p !== 'string')).toEqual([
      { datum: '192.0.2.1:443' },
      { datum: 'generic_timeout_error' },
    ]);
    expect(text(evidenceParts(makeI18n('kk'), item))).toMatch(/^192\.0\.2\.1:443 мекенжайына TCP қосылымы/);
  });

  it('writes lists, yes/no/unknown, decimals and the removed probe address in the language', () => {
    const kk = makeI18n('kk');
    const diff = evidence('http_diff', {
      status_code_match: true,
      body_length_match: false,
      body_proportion: { number: 0.15, digits: 2 },
      headers_match: null,
      title_match: false,
    });
    expect(text(evidenceParts(kk, diff))).toContain(
      'жауап коды сәйкес — иә, жауап денесінің ұзындығы сәйкес — жоқ (арақатынасы 0,15)',
    );
    expect(text(evidenceParts(kk, diff))).toContain('ортақ сирек тақырыптамалар — белгісіз');
    const dns = evidence('dns_inconsistent', {
      addrs: { list: ['[probe address removed]'], more: 0 },
      host: 'meduza.io',
      control_addrs: { list: ['1.1.1.1', '2.2.2.2', '3.3.3.3', '4.4.4.4'], more: 3 },
    });
    const ru = text(evidenceParts(makeI18n('ru'), dns))!;
    expect(ru).toContain('[адрес зонда удалён]');
    expect(ru).toContain('1.1.1.1, 2.2.2.2, 3.3.3.3, 4.4.4.4 и ещё 3');
    const ca = evidence('known_ca_matched', {
      address: 'a',
      server_name: 'b',
      issuer: 'i',
      ca: 'c',
      how: 'issuer',
    });
    expect(text(evidenceParts(makeI18n('ru'), ca))).toContain('(совпадение по издателю)');
  });

  it("says in the language where a blockpage redirect went, the header's name and the addresses kept as data", () => {
    const item = evidence('fingerprint_redirect', {
      url: 'http://archive.org/',
      location: 'http://lamanlabuh.aduankonten.id/',
      fingerprint: 'ooni.id_lamanlabuh_kominfo',
      header: 'Location',
    });
    const ru = evidenceParts(makeI18n('ru'), item)!;
    expect(text(ru)).toBe(
      'Запрос http://archive.org/ был перенаправлен на http://lamanlabuh.aduankonten.id/, что совпадает с отпечатком блокировки ooni.id_lamanlabuh_kominfo (заголовок Location): это известная страница блокировки, что подтверждает блокировку.',
    );
    expect(ru.filter((p) => typeof p !== 'string').map((p) => (p as { datum: string }).datum)).toEqual([
      'http://archive.org/',
      'http://lamanlabuh.aduankonten.id/',
      'ooni.id_lamanlabuh_kominfo',
      'Location',
    ]);
    expect(text(evidenceParts(makeI18n('kk'), item))).toMatch(
      /^http:\/\/archive\.org\/ сұрауы http:\/\/lamanlabuh\.aduankonten\.id\/ мекенжайына қайта бағытталды/,
    );
  });

  it('reads in English as the analysis writes it', () => {
    for (const item of [
      evidence('sni_blocked', {
        address: '104.18.20.32:443',
        server_name: 'www.rferl.org',
        failure: 'connection_reset',
        neutral_name: 'example.com',
        control_name: 'www.rferl.org',
      }),
      evidence('throttled_bytes', { address: 'x', factor: { number: 529.5, digits: 1 }, bytes: 413 }),
      evidence('known_ca_matched', { address: 'a', server_name: 'b', issuer: 'i', ca: 'c', how: 'sha256' }),
      evidence('site_down'),
      evidence('fingerprint_redirect', { url: 'u', location: 'l', fingerprint: 'f', header: 'Location' }),
      evidence('classic_judged_accessible'),
    ])
      expect(text(evidenceParts(makeI18n('en'), item))).toBe(evidenceSentence(item));
  });

  it('fills a value once, as data, whatever it contains; a sentence it does not know is left to the caller', () => {
    const parts = evidenceParts(makeI18n('kk'), evidence('http_failed', { failure: '{failure}<script>' }))!;
    expect(parts).toContainEqual({ datum: '{failure}<script>' });
    expect(evidenceParts(makeI18n('kk'), { key: 'no_such_sentence', values: {} })).toBeNull();
  });
});
