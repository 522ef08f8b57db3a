import { describe, expect, it } from 'vitest';
import {
  FingerprintDb,
  loadFingerprints,
  parseCensoredPlanetSignatures,
  parseOoniFingerprints,
} from './fingerprint-db.js';
import { PatternSet } from './pattern-set.js';
import {
  alternativeFragments,
  compilePattern,
  MAX_REGEXP_INPUT,
  requiredFragments,
  unescapeLiteral,
} from './text-pattern.js';

const HEADER =
  'name,scope,other_names,location_found,pattern_type,pattern,confidence_no_fp,expected_countries,source,exp_url,notes';

function db(rows: string[], cp = ''): FingerprintDb {
  const all = parseOoniFingerprints([HEADER, ...rows].join('\n'), 'inline.csv');
  return new FingerprintDb(
    all.filter((f) => f.location === 'dns'),
    all.filter((f) => f.location !== 'dns'),
    parseCensoredPlanetSignatures(cp, 'cp.json', false),
  );
}

describe('loadFingerprints', () => {
  it('loads every bundled row once and caches the result', () => {
    const a = loadFingerprints();
    expect(a.dns.length).toBe(226);
    expect(a.censoredPlanet.length).toBe(622 + 460);
    expect(loadFingerprints()).toBe(a);
  });

  it('finds real fingerprints: an Iranian DNS answer, a Kyrgyz redirect, a Russian blockpage word', () => {
    const fp = loadFingerprints();
    const ir = fp.matchDnsAnswers([{ answer_type: 'A', ipv4: '10.10.34.36', ttl: null }], 'IR');
    expect(ir.some((m) => m.name.startsWith('ooni.ir') && m.confirming)).toBe(true);
    const kg = fp.matchHttpResponse('', { Location: 'http://homeline.kg/access/blockpage.html' }, 'KG');
    expect(kg).toContainEqual({
      name: 'ooni.kg_0',
      location: 'header.location',
      confirming: true,
      falsePositive: false,
    });
    const kz = fp.matchHttpResponse('<h1>Страница заблокирована</h1>', {}, 'KZ');
    expect(kz.find((m) => m.name === 'cp.d_corp_kz_ps')).toMatchObject({
      confirming: false,
      falsePositive: false,
    });
  });

  it('matches Censored Planet signatures and flags their false-positive list', () => {
    const fp = loadFingerprints();
    expect(fp.matchCensoredPlanet('<td>FortiGuard Web Filtering</td>').map((m) => m.name)).toContain(
      'censoredplanet.a_prod_fortinet_1',
    );
    const nginx = fp.matchCensoredPlanet('<p><em>Thank you for using nginx.</em></p>');
    expect(nginx.find((m) => m.name === 'censoredplanet.x_fpru_nginx')?.falsePositive).toBe(true);
    expect(fp.matchCensoredPlanet('', { Server: 'Barracuda/NGFirewall' }).map((m) => m.name)).toContain(
      'censoredplanet.a_prod_barracuda_2',
    );
    expect(fp.matchCensoredPlanet('an ordinary page')).toEqual([]);
  });
});

describe('pattern types, locations and confirmation', () => {
  const fp = db([
    'x.full,isp,,header.server,full,BlockServer 1.0,5,,t,,',
    'x.prefix,prod,,header.location,prefix,http://block.example/,5,"KZ,KG",t,,',
    'x.contains,inst,,body,contains,access denied by,5,,t,,',
    'x.regexp,nat,,body,regexp,blocked.*by order,5,,t,,',
    'x.fp,fp,,body,contains,cdn-cgi,5,,t,,',
    'x.dns,nat,,dns,full,195.82.146.214,5,RU,t,,',
  ]);

  it('full and prefix on headers, case-insensitive names', () => {
    expect(fp.matchHttpResponse('', { SERVER: 'BlockServer 1.0' }, 'US').map((m) => m.name)).toEqual([
      'x.full',
    ]);
    expect(fp.matchHttpResponse('', { Server: 'BlockServer 1.0.1' }, 'US')).toEqual([]);
    expect(fp.matchHttpResponse('', { location: 'http://block.example/?u=1' }, 'KZ')).toEqual([
      { name: 'x.prefix', location: 'header.location', confirming: true, falsePositive: false },
    ]);
  });

  it('confirms only for scope nat/isp or an expected country; fp is a false positive', () => {
    expect(fp.matchHttpResponse('', { location: 'http://block.example/' }, 'RU')[0]?.confirming).toBe(false);
    expect(fp.matchHttpResponse('x access denied by y', {}, 'KZ')[0]).toMatchObject({
      name: 'x.contains',
      confirming: false,
    });
    expect(fp.matchHttpResponse('blocked\nentirely by order', {}, 'US')[0]).toMatchObject({
      name: 'x.regexp',
      confirming: true,
    });
    expect(fp.matchHttpResponse('/cdn-cgi/l', {}, 'US')[0]).toMatchObject({
      confirming: false,
      falsePositive: true,
    });
  });

  it('DNS answers by address', () => {
    expect(fp.matchDnsAnswers([{ answer_type: 'A', ipv4: '195.82.146.214', ttl: null }], 'RU')).toEqual([
      { name: 'x.dns', location: 'dns', confirming: true, falsePositive: false },
    ]);
    expect(fp.matchDnsAnswers(null, 'RU')).toEqual([]);
  });

  it('reports bad rows with file:line', () => {
    expect(() => parseOoniFingerprints(`${HEADER}\nx,nat,,body,glob,*,5,,t,,`, 'f.csv')).toThrow('f.csv:2');
    expect(() => parseOoniFingerprints(`${HEADER}\nx,nat,,body,regexp,(unclosed,5,,t,,`, 'f.csv')).toThrow(
      'f.csv:2',
    );
    expect(() => parseCensoredPlanetSignatures('\n{"fingerprint":1}', 'cp.json', false)).toThrow('cp.json:2');
  });
});

describe('text patterns', () => {
  it('turns escaped-literal regexps into substring searches', () => {
    expect(unescapeLiteral('www\\.internet\\.gov\\.sa')).toBe('www.internet.gov.sa');
    expect(unescapeLiteral('a.*b')).toBeNull();
    expect(unescapeLiteral('\\d+')).toBeNull();
  });

  it('extracts the literal fragments every match must contain', () => {
    expect(requiredFragments('URL .* Sp.*er Gate')).toEqual(['URL ', ' Sp', 'er Gate']);
    expect(requiredFragments('(a|b).*ccc')).toEqual(['ccc']);
    expect(requiredFragments('abc|def')).toEqual([]);
    expect(requiredFragments('abcd?efg')).toEqual(['abc', 'efg']);
    expect(requiredFragments('\\d+hello[xy]{2}world\\.')).toEqual(['hello', 'world.']);
    // A brace that opens no quantifier is a literal character.
    expect(requiredFragments('{"msg":.*"id":')).toEqual(['{"msg":', '"id":']);
    // Short runs gate only a regexp that has no longer one.
    expect(requiredFragments('�.*�')).toEqual(['�', '�']);
    expect(requiredFragments('ab.*abcd')).toEqual(['abcd']);
  });

  it('gates a top-level alternation by its alternatives’ literals', () => {
    expect(alternativeFragments('<title>Notice | McMaster</title>')).toEqual([
      ['<title>Notice '],
      [' McMaster</title>'],
    ]);
    expect(alternativeFragments('abc|.*')).toBeNull();
    expect(alternativeFragments('(abc|def)ghi')).toBeNull();
    const p = compilePattern('regexp', '<title>Notice | McMaster</title>')!;
    expect(p.anyOf).toEqual([['<title>Notice '], [' McMaster</title>']]);
    const set = new PatternSet([{ pattern: p, value: 'mc' }]);
    expect(set.match('x <title>Notice y')).toEqual(['mc']);
    expect(set.match('y McMaster</title>')).toEqual(['mc']);
    expect(set.match('<title>Notice| McMaster')).toEqual([]);
  });

  it('finds the Censored Planet signatures that once ran as regexps on every body', () => {
    const db = loadFingerprints();
    const names = (body: string) => db.matchCensoredPlanet(body).map((m) => m.name);
    expect(names('{"error":"Document not found"}').length).toBeGreaterThan(0);
    expect(names('{"msg":"x","id":1}').length).toBeGreaterThan(0);
    expect(names('a \uFFFD b \uFFFD c').length).toBeGreaterThan(0);
    expect(names('<title>Information Security Notice and more').length).toBeGreaterThan(0);
    expect(names('<p>Обычная страница</p>')).toEqual([]);
  });

  it('bounds the text a regexp sees (hostile bodies)', () => {
    const p = compilePattern('regexp', 'start.*end', { dotAll: true })!;
    expect(p.test(`start${'x'.repeat(100)}end`)).toBe(true);
    expect(p.test(`start${'x'.repeat(MAX_REGEXP_INPUT)}end`)).toBe(false);
    expect(compilePattern('regexp', '(')).toBeNull();
  });
});
