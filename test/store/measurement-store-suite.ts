/** One test suite for every MeasurementStore engine (DuckDB, ClickHouse, ClickHouse cluster). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TECHNIQUES } from '../../src/model/verdict.js';
import {
  type ChangeEvent,
  MAX_UID_LENGTH,
  type PipelineMeasurementStore,
} from '../../src/store/measurement-store.js';
import { analysis, record, standardSet } from './measurement-fixtures.js';

/** A record netfreedom's TLS checks confirm (neutral-SNI retry, known CA), which OONI's fingerprints do not. */
function tlsConfirmed(over: Parameters<typeof record>[0] & { loaded?: boolean }) {
  const { loaded = false, ...rest } = over;
  const r = record(rest);
  const outcome = loaded ? 'ok' : r.analysis.outcome;
  return {
    ...r,
    analysis: { ...r.analysis, outcome, technique: rest.technique ?? null, tlsConfirmed: true },
  };
}

export interface EngineHandle {
  store: PipelineMeasurementStore;
  close(): Promise<void>;
}

/** Registers the suite; `open` gives an empty store. */
export function measurementStoreSuite(name: string, open: () => Promise<EngineHandle>): void {
  describe(`measurement store: ${name}`, () => {
    let h: EngineHandle;
    let s: PipelineMeasurementStore;
    const data = standardSet();

    beforeAll(async () => {
      h = await open();
      s = h.store;
      expect(await s.put(data)).toEqual({ added: data.length, duplicates: 0 });
    }, 180_000);
    afterAll(async () => h?.close(), 60_000);

    it('adds nothing when the same records come again, also within one batch', async () => {
      const again = await s.put([...data.slice(0, 3), data[0]!]);
      expect(again).toEqual({ added: 0, duplicates: 4 });
      const fresh = record({ domain: 'new.example' });
      expect(await s.put([fresh, fresh])).toEqual({ added: 1, duplicates: 1 });
      expect(await s.count({ domain: ['new.example'] })).toBe(1);
    });

    it('counts a stored uid met again with another start time as a duplicate, and keeps the first', async () => {
      const first = data[2]!;
      // Days far from the stored record's, so that a check bounded by the batch's days cannot see it.
      const moved = { ...first, startTime: '2019-02-03T04:05:06Z', domain: 'moved.example' };
      // Another country, so that the other tests' counts stay as they are.
      const beside = record({
        domain: 'beside-moved.example',
        probeCc: 'ZZ',
        startTime: '2019-02-04T00:00:00Z',
      });
      expect(await s.put([moved, beside])).toEqual({ added: 1, duplicates: 1 });
      expect(await s.get(first.uid)).toEqual(first);
      expect(await s.count({ domain: ['moved.example'] })).toBe(0);
      expect(await s.count({ domain: ['beside-moved.example'] })).toBe(1);
    });

    it('returns a record with its analysis and raw body intact', async () => {
      const got = await s.get(data[1]!.uid);
      expect(got).toEqual(data[1]);
      expect(await s.get('no-such-uid')).toBeNull();
    });

    it('counts with OONI semantics per day for one country, simulated data excluded', async () => {
      const rows = await s.aggregate({
        probeCc: ['KZ'],
        axisX: 'measurement_start_day',
        domain: ['meduza.io', 'example.org'],
      });
      expect(rows).toEqual([
        {
          measurement_start_day: '2024-03-01',
          measurement_count: 2,
          ok_count: 2,
          anomaly_count: 0,
          confirmed_count: 0,
          failure_count: 0,
          tls_confirmed_count: 0,
          unverified_confirmed_count: 0,
          unverified_tls_confirmed_count: 0,
          simulated_count: 0,
        },
        {
          measurement_start_day: '2024-03-02',
          measurement_count: 3,
          ok_count: 1,
          anomaly_count: 2,
          confirmed_count: 0,
          failure_count: 0,
          tls_confirmed_count: 0,
          unverified_confirmed_count: 0,
          unverified_tls_confirmed_count: 0,
          simulated_count: 0,
        },
        {
          measurement_start_day: '2024-03-03',
          measurement_count: 2,
          ok_count: 0,
          anomaly_count: 1,
          confirmed_count: 0,
          failure_count: 1,
          tls_confirmed_count: 0,
          unverified_confirmed_count: 0,
          unverified_tls_confirmed_count: 0,
          simulated_count: 0,
        },
      ]);
      const withSim = await s.aggregate({ probeCc: ['KZ'], domain: ['meduza.io'], includeSimulated: true });
      expect(withSim[0]!.measurement_count).toBe(5);
    });

    it('aggregates on two axes and filters by date range (until exclusive) and category', async () => {
      const rows = await s.aggregate({
        axisX: 'probe_cc',
        axisY: 'domain',
        since: '2024-03-02',
        until: '2024-03-03',
      });
      expect(rows.map((r) => [r.probe_cc, r.domain, r.measurement_count, r.confirmed_count])).toEqual([
        ['KZ', 'example.org', 1, 0],
        ['KZ', 'meduza.io', 2, 0],
        ['RU', 'rutracker.org', 1, 1],
      ]);
      const grp = await s.aggregate({ categoryCode: ['GRP'] });
      expect(grp[0]!.measurement_count).toBe(3);
      await expect(s.aggregate({ axisX: 'domain', axisY: 'domain' })).rejects.toThrow(/differ/);
    });

    it('pages through search results with a cursor, each record once, newest first', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await s.search({
          probeCc: ['KZ'],
          domain: ['meduza.io', 'example.org'],
          limit: 2,
          ...(cursor ? { cursor } : {}),
        });
        seen.push(...page.items.map((i) => `${i.startTime} ${i.uid}`));
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor && pages < 20);
      const expected = data
        .filter((r) => r.probeCc === 'KZ' && !r.simulated)
        .map((r) => `${r.startTime} ${r.uid}`)
        .sort((a, b) => (a.slice(0, 20) === b.slice(0, 20) ? a.localeCompare(b) : b.localeCompare(a)));
      expect(seen).toEqual(expected);
      await expect(s.search({ cursor: 'not a cursor' })).rejects.toThrow(/invalid cursor/);
      await expect(s.search({ limit: 0 })).rejects.toThrow(/limit/);
    });

    it('lists blocked sites of a country with techniques, networks, first/last seen and share', async () => {
      const sites = await s.blockedSites('KZ');
      expect(sites).toEqual([
        {
          domain: 'meduza.io',
          categoryCode: 'NEWS',
          techniques: ['tcp_ip', 'tls_sni'],
          networks: ['AS21299', 'AS9198'],
          firstSeen: '2024-03-02T08:00:00Z',
          lastSeen: '2024-03-03T09:30:00Z',
          measurementCount: 4,
          blockedCount: 3,
          anomalyCount: 3,
          confirmedCount: 0,
          tlsConfirmedCount: 0,
          unverifiedConfirmedCount: 0,
          unverifiedTlsConfirmedCount: 0,
          simulatedCount: 0,
          anomalyShare: 0.75,
          confirmed: false,
          tlsConfirmed: false,
          unverified: false,
        },
      ]);
      const ru = await s.blockedSites('RU');
      expect(ru.map((x) => [x.domain, x.confirmed, x.techniques])).toEqual([
        ['rutracker.org', true, ['http-diff']],
      ]);
    });

    it('filters blocked sites and domains by category (ClickHouse read the category alias in WHERE)', async () => {
      // Found by test/reliability/injection.test.ts: on ClickHouse 18.16 `min(category_code) AS category_code`
      // shadowed the column in `WHERE category_code IN (...)`, and every such request answered 500.
      expect((await s.blockedSites('KZ', { categoryCode: ['NEWS'] })).map((x) => x.categoryCode)).toEqual([
        'NEWS',
      ]);
      expect((await s.blockedSites('KZ', { categoryCode: ['GRP'] })).map((x) => x.domain)).toEqual([]);
      const doms = await s.domains({ categoryCode: ['NEWS'], probeCc: ['KZ'] });
      expect(doms.map((d) => d.domain)).toContain('meduza.io');
      expect(new Set(doms.map((d) => d.categoryCode))).toEqual(new Set(['NEWS']));
    });

    it('summarises networks and domains', async () => {
      const nets = await s.networks({ probeCc: ['KZ'] });
      expect(nets.map((n) => [n.probeAsn, n.measurementCount, n.anomalyCount])).toEqual([
        ['AS21299', 1, 1],
        ['AS9198', 7, 2],
      ]);
      const doms = await s.domains({ domain: ['meduza.io', 'rutracker.org'] });
      expect(doms.map((d) => [d.domain, d.countries, d.measurementCount, d.confirmedCount])).toEqual([
        ['meduza.io', ['KZ'], 4, 0],
        ['rutracker.org', ['RU'], 1, 1],
      ]);
    });

    it('keeps hostile strings as data, in values and in filters', async () => {
      const nasty = [
        "it's'); DROP TABLE measurements; --",
        'back\\slash\\',
        'new\nline\ttab\u0000nul',
        'ünï €😀',
      ];
      const recs = nasty.map((d) =>
        record({ domain: d, probeCc: 'ZZ', outcome: 'anomaly', technique: 'dns' }),
      );
      expect((await s.put(recs)).added).toBe(4);
      for (const r of recs) {
        expect((await s.get(r.uid))?.domain).toBe(r.domain);
        expect(await s.count({ domain: [r.domain!] })).toBe(1);
      }
      expect((await s.blockedSites('ZZ')).map((b) => b.domain).sort()).toEqual([...nasty].sort());
      expect(await s.count()).toBeGreaterThan(9);
    });

    it('refuses uids that are empty, too long or not printable, and keeps the cursor after the longest short', async () => {
      const before = await s.count({ includeSimulated: true });
      for (const uid of ['', 'x'.repeat(MAX_UID_LENGTH + 1), 'tab\there', 'crlf\r\n', 'space here', 'ünï'])
        await expect(s.put([record({ uid, probeCc: 'XW' })]), JSON.stringify(uid)).rejects.toThrow(
          /measurement uid: .* is not 1–96 printable ASCII characters/,
        );
      expect(await s.count({ includeSimulated: true })).toBe(before);
      // Two records in one second, the first in page order with the longest uid: the first page's cursor carries it.
      const longest = `0${'z'.repeat(MAX_UID_LENGTH - 1)}`;
      const time = '2019-05-05T05:05:05Z';
      await s.put([record({ uid: longest, probeCc: 'XW', startTime: time })]);
      await s.put([record({ uid: 'a-next', probeCc: 'XW', startTime: time })]);
      const first = await s.search({ probeCc: ['XW'], limit: 1 });
      expect(first.items.map((i) => i.uid)).toEqual([longest]);
      expect(first.nextCursor!.length).toBeLessThanOrEqual(200); // the API's limit for a cursor
      const second = await s.search({ probeCc: ['XW'], limit: 1, cursor: first.nextCursor! });
      expect(second.items.map((i) => i.uid)).toEqual(['a-next']);
      expect(second.nextCursor).toBeNull();
    });

    it("keeps OONI's confirmation and netfreedom's TLS confirmation apart, and country, network and domain answers agree", async () => {
      await s.put([
        // SNI filtering shown by the neutral-SNI retry: OONI's outcome is anomaly, not confirmed.
        tlsConfirmed({ domain: 'sni.example', probeCc: 'YY', outcome: 'anomaly', technique: 'tls_sni' }),
        record({ domain: 'plain.example', probeCc: 'YY', outcome: 'anomaly', technique: 'dns' }),
        // A known interception CA on a page that loaded: OONI's outcome is ok.
        tlsConfirmed({ domain: 'plain.example', probeCc: 'YY', technique: 'tls_interception', loaded: true }),
        // A blockpage fingerprint: OONI's confirmed outcome, on another network.
        record({
          domain: 'fp.example',
          probeCc: 'YY',
          probeAsn: 'AS1',
          outcome: 'confirmed',
          technique: 'http-diff',
        }),
      ]);
      const sites = await s.blockedSites('YY');
      expect(
        sites.map((b) => [b.domain, b.confirmed, b.tlsConfirmed, b.confirmedCount, b.tlsConfirmedCount]),
      ).toEqual([
        ['fp.example', true, false, 1, 0],
        ['plain.example', false, true, 0, 1],
        ['sni.example', false, true, 0, 1],
      ]);
      const total = (rows: { anomaly: number; confirmed: number; tls: number; n: number }[]) =>
        rows.reduce(
          (t, r) => ({
            anomaly: t.anomaly + r.anomaly,
            confirmed: t.confirmed + r.confirmed,
            tls: t.tls + r.tls,
            n: t.n + r.n,
          }),
          { anomaly: 0, confirmed: 0, tls: 0, n: 0 },
        );
      const [country] = await s.aggregate({ probeCc: ['YY'] });
      const byCountry = {
        anomaly: country!.anomaly_count,
        confirmed: country!.confirmed_count,
        tls: country!.tls_confirmed_count,
        n: country!.measurement_count,
      };
      expect(byCountry).toEqual({ anomaly: 2, confirmed: 1, tls: 2, n: 4 });
      const byNetwork = total(
        (await s.networks({ probeCc: ['YY'] })).map((x) => ({
          anomaly: x.anomalyCount,
          confirmed: x.confirmedCount,
          tls: x.tlsConfirmedCount,
          n: x.measurementCount,
        })),
      );
      const byDomain = total(
        (await s.domains({ probeCc: ['YY'] })).map((x) => ({
          anomaly: x.anomalyCount,
          confirmed: x.confirmedCount,
          tls: x.tlsConfirmedCount,
          n: x.measurementCount,
        })),
      );
      const bySite = total(
        sites.map((x) => ({
          anomaly: x.anomalyCount,
          confirmed: x.confirmedCount,
          tls: x.tlsConfirmedCount,
          n: x.measurementCount,
        })),
      );
      expect(byNetwork).toEqual(byCountry);
      expect(byDomain).toEqual(byCountry);
      expect(bySite).toEqual(byCountry);
      // The same per network from the aggregation as from the networks answer.
      const perNet = await s.aggregate({ probeCc: ['YY'], axisX: 'probe_asn' });
      expect(perNet.map((r) => [r.probe_asn, r.confirmed_count, r.tls_confirmed_count])).toEqual(
        (await s.networks({ probeCc: ['YY'] })).map((n) => [
          n.probeAsn,
          n.confirmedCount,
          n.tlsConfirmedCount,
        ]),
      );
      const one = await s.search({ probeCc: ['YY'], domain: ['sni.example'] });
      expect(one.items.map((i) => [i.confirmed, i.tlsConfirmed])).toEqual([[false, true]]);
    });

    it('counts an untrusted confirmation only once independent ones corroborate it, also after re-analysis', async () => {
      // Country QT is this test's own. A lone anonymous confirmation: stored, an anomaly, unverified.
      const site = (over: Parameters<typeof record>[0]) =>
        record({
          probeCc: 'QT',
          domain: 'news.example',
          outcome: 'confirmed',
          technique: 'http-diff',
          ...over,
        });
      const lone = site({
        origin: 'anonymous',
        reporter: 'r1',
        probeAsn: 'AS1',
        startTime: '2024-05-01T10:00:00Z',
      });
      const tls = tlsConfirmed({
        probeCc: 'QT',
        domain: 'tls.example',
        technique: 'tls_interception',
        origin: 'anonymous',
        reporter: 'r1',
        loaded: true,
      });
      await s.put([lone, tls]);
      const [cell] = await s.aggregate({ probeCc: ['QT'] });
      expect(cell).toMatchObject({
        measurement_count: 2,
        anomaly_count: 1,
        confirmed_count: 0,
        tls_confirmed_count: 0,
        unverified_confirmed_count: 1,
        unverified_tls_confirmed_count: 1,
      });
      const [all] = await s.aggregate({ probeCc: ['QT'], includeUnverified: true });
      expect(all).toMatchObject({ anomaly_count: 0, confirmed_count: 1, tls_confirmed_count: 1 });
      let sites = await s.blockedSites('QT');
      expect(sites.map((b) => [b.domain, b.confirmed, b.tlsConfirmed, b.unverified])).toEqual([
        ['news.example', false, false, true],
        ['tls.example', false, false, true],
      ]);
      expect((await s.blockedSites('QT', { includeUnverified: true })).map((b) => b.confirmed)).toEqual([
        true,
        false,
      ]);

      // Two more reporters, but on the same network: not independent enough.
      await s.put([
        site({ origin: 'anonymous', reporter: 'r2', probeAsn: 'AS1', startTime: '2024-05-02T10:00:00Z' }),
      ]);
      expect((await s.blockedSites('QT'))[0]!.confirmed).toBe(false);
      // Another reporter on another network on another day: corroborated, every anonymous confirmation counts.
      const third = site({
        origin: 'anonymous',
        reporter: 'r3',
        probeAsn: 'AS2',
        startTime: '2024-05-03T10:00:00Z',
      });
      await s.put([third]);
      sites = await s.blockedSites('QT');
      expect(sites[0]).toMatchObject({
        domain: 'news.example',
        confirmed: true,
        confirmedCount: 3,
        unverified: false,
      });
      expect((await s.aggregate({ probeCc: ['QT'], domain: ['news.example'] }))[0]!.confirmed_count).toBe(3);

      // Re-analysis that takes the third one's confirmation away leaves the other two unverified again.
      await s.updateAnalyses([{ uid: third.uid, analysis: analysis('anomaly', 'http-diff') }]);
      expect((await s.blockedSites('QT'))[0]).toMatchObject({
        confirmed: false,
        unverifiedConfirmedCount: 2,
      });

      // A registered probe's confirmation counts at once; so does an import's.
      await s.put([site({ origin: 'probe', reporter: 'probe-1', domain: 'probe.example' })]);
      await s.put([site({ origin: 'import', domain: 'import.example' })]);
      const byDomain = new Map((await s.blockedSites('QT')).map((b) => [b.domain, b.confirmed]));
      expect([byDomain.get('probe.example'), byDomain.get('import.example')]).toEqual([true, true]);
      const networks = await s.networks({ probeCc: ['QT'] });
      expect(networks.reduce((n, r) => n + r.confirmedCount, 0)).toBe(2);
    });

    it('says how many measurements of every cell, site, network and domain are simulated', async () => {
      await s.put([
        record({ domain: 'mixed.example', probeCc: 'XS', outcome: 'anomaly', technique: 'dns' }),
        record({
          domain: 'mixed.example',
          probeCc: 'XS',
          outcome: 'anomaly',
          technique: 'dns',
          simulated: true,
        }),
        record({
          domain: 'demo.example',
          probeCc: 'XS',
          probeAsn: 'AS64496',
          outcome: 'anomaly',
          technique: 'tls_sni',
          simulated: true,
          startTime: '2024-03-02T10:00:00Z',
        }),
      ]);
      const all = { probeCc: ['XS'], includeSimulated: true };
      const days = await s.aggregate({ ...all, axisX: 'measurement_start_day' });
      expect(days.map((r) => [r.measurement_start_day, r.measurement_count, r.simulated_count])).toEqual([
        ['2024-03-01', 2, 1],
        ['2024-03-02', 1, 1],
      ]);
      // The measurements table answers an outcome filter; the daily counts (DuckDB) answer the rest: both say it.
      const [anomalies] = await s.aggregate({ ...all, outcome: ['anomaly'] });
      expect([anomalies!.measurement_count, anomalies!.simulated_count]).toEqual([3, 2]);
      const techniques = await s.aggregate({ ...all, axisX: 'technique' });
      expect(techniques.map((r) => [r.technique, r.simulated_count])).toEqual([
        ['dns', 1],
        ['tls_sni', 1],
      ]);
      const sites = await s.blockedSites('XS', { includeSimulated: true });
      expect(sites.map((b) => [b.domain, b.measurementCount, b.simulatedCount])).toEqual([
        ['demo.example', 1, 1],
        ['mixed.example', 2, 1],
      ]);
      const nets = await s.networks(all);
      expect(nets.map((n) => [n.probeAsn, n.measurementCount, n.simulatedCount])).toEqual([
        ['AS64496', 1, 1],
        ['AS9198', 2, 1],
      ]);
      const doms = await s.domains(all);
      expect(doms.map((d) => [d.domain, d.simulatedCount])).toEqual([
        ['demo.example', 1],
        ['mixed.example', 1],
      ]);
      // Without simulated data there is none to count.
      const [real] = await s.aggregate({ probeCc: ['XS'] });
      expect([real!.measurement_count, real!.simulated_count]).toEqual([1, 0]);
    });

    it('counts simulated measurements beside the trust rule: an unverified simulated confirmation is both', async () => {
      // Country XV is this test's own: one import, one lone anonymous simulated confirmation of the same site.
      await s.put([
        record({ domain: 'both.example', probeCc: 'XV', outcome: 'confirmed', technique: 'dns' }),
        record({
          domain: 'both.example',
          probeCc: 'XV',
          outcome: 'confirmed',
          technique: 'dns',
          simulated: true,
          origin: 'anonymous',
          reporter: 'r1',
        }),
      ]);
      const all = { probeCc: ['XV'], includeSimulated: true };
      const [cell] = await s.aggregate(all);
      expect(cell).toMatchObject({
        measurement_count: 2,
        anomaly_count: 1,
        confirmed_count: 1,
        unverified_confirmed_count: 1,
        simulated_count: 1,
      });
      // Through the measurements table too (an outcome filter), and with the unverified ones counted.
      const [byOutcome] = await s.aggregate({ ...all, outcome: ['confirmed'], includeUnverified: true });
      expect(byOutcome).toMatchObject({ measurement_count: 2, confirmed_count: 2, simulated_count: 1 });
      const [site] = await s.blockedSites('XV', { includeSimulated: true });
      expect(site).toMatchObject({ confirmedCount: 1, unverifiedConfirmedCount: 1, simulatedCount: 1 });
      const [real] = await s.aggregate({ probeCc: ['XV'] });
      expect(real).toMatchObject({ measurement_count: 1, confirmed_count: 1, simulated_count: 0 });
    });

    it('lists as blocked every site a technique is named for, as the techniques answer counts them', async () => {
      await s.put([
        record({ domain: 'throttled.example', probeCc: 'XT', outcome: 'ok' }),
        {
          ...record({ domain: 'throttled.example', probeCc: 'XT' }),
          analysis: { ...analysis('ok'), technique: 'throttling' },
        },
        tlsConfirmed({
          domain: 'intercepted.example',
          probeCc: 'XT',
          technique: 'tls_interception',
          loaded: true,
        }),
        record({ domain: 'fine.example', probeCc: 'XT', outcome: 'ok' }),
        // An anomaly of a test netfreedom names no technique for (OONI's fastpath scores it).
        {
          ...record({ domain: 'other-test.example', probeCc: 'XT', testName: 'http_requests' }),
          analysis: { ...analysis('anomaly'), blocking: null, technique: null },
        },
      ]);
      const sites = await s.blockedSites('XT');
      expect(sites.map((b) => [b.domain, b.techniques, b.blockedCount, b.measurementCount])).toEqual([
        ['intercepted.example', ['tls_interception'], 1, 1],
        ['other-test.example', [], 1, 1],
        ['throttled.example', ['throttling'], 1, 2],
      ]);
      const seen = (await s.aggregate({ probeCc: ['XT'], axisX: 'domain', axisY: 'technique' }))
        .filter((r) => (TECHNIQUES as readonly string[]).includes(String(r.technique)))
        .map((r) => `${r.domain} ${r.technique}`);
      expect(seen).toEqual(sites.flatMap((b) => b.techniques.map((t) => `${b.domain} ${t}`)));
      // Per test, as the country page's apps section asks.
      const perTest = await s.aggregate({ probeCc: ['XT'], axisX: 'test_name' });
      expect(perTest.map((r) => [r.test_name, r.measurement_count, r.anomaly_count])).toEqual([
        ['http_requests', 1, 1],
        ['web_connectivity', 4, 0],
      ]);
    });

    it('stores change events per country and replaces them', async () => {
      const ev = (id: string, at: string): ChangeEvent => ({
        id,
        probeCc: 'KZ',
        probeAsn: 'AS9198',
        domain: 'meduza.io',
        kind: 'blocking_started',
        at,
        score: 4.5,
        method: 'cusum',
        measurementUids: [data[1]!.uid],
      });
      await s.putChanges('KZ', [ev('e1', '2024-03-02T00:00:00Z'), ev('e2', '2024-04-02T00:00:00Z')]);
      expect((await s.changes({ probeCc: ['KZ'] })).map((e) => e.id)).toEqual(['e1', 'e2']);
      expect((await s.changes({ probeCc: ['KZ'], since: '2024-04-01' })).map((e) => e.id)).toEqual(['e2']);
      await s.putChanges('KZ', [ev('e3', '2024-03-05T00:00:00Z')]);
      const after = await s.changes({ probeCc: ['KZ'] });
      expect(after).toEqual([ev('e3', '2024-03-05T00:00:00Z')]);
    });

    it('rewrites analyses and pages through stale records by uid', async () => {
      const target = data[0]!;
      const stale = await s.staleRecords(2, { limit: 3 });
      expect(stale).toHaveLength(3);
      const next = await s.staleRecords(2, { limit: 3, afterUid: stale[2]!.uid });
      expect(next[0]!.uid > stale[2]!.uid).toBe(true);
      await s.updateAnalyses([{ uid: target.uid, analysis: analysis('anomaly', 'tls_sni', 2) }]);
      const got = await s.get(target.uid);
      expect(got?.analysis.outcome).toBe('anomaly');
      expect(got?.analysis.rulesVersion).toBe(2);
      const all = await s.staleRecords(2, { limit: 10_000 });
      expect(all.some((r) => r.uid === target.uid)).toBe(false);
      await s.updateAnalyses([{ uid: target.uid, analysis: target.analysis }]);
    });

    it('keeps every record, its analysis and uniqueness through optimize', async () => {
      const before = await s.count({ includeSimulated: true });
      await s.optimize();
      expect(await s.count({ includeSimulated: true })).toBe(before);
      expect(await s.get(data[3]!.uid)).toEqual(data[3]);
      expect(await s.put([data[3]!])).toEqual({ added: 0, duplicates: 1 });
    });

    it('gives per-day series without failures for change detection', async () => {
      const series = await s.dailyCounts({ probeCc: ['KZ'], probeAsn: ['AS9198'], domain: ['meduza.io'] });
      expect(series.map((d) => [d.day, d.measurements, d.anomalous])).toEqual([
        ['2024-03-01', 1, 0],
        ['2024-03-02', 1, 1],
        ['2024-03-03', 1, 1],
      ]);
    });

    // Last, and in a country of its own, so that no other test counts these rows.
    it('checks a batch of 5,000 OONI-length uids for duplicates and stores each once, re-analysis too', async () => {
      const uid = (i: number) =>
        `20240514233718.029308_QQ_webconnectivity_${i.toString(16).padStart(16, '0')}`;
      const batch = Array.from({ length: 5000 }, (_, i) =>
        record({ uid: uid(i), probeCc: 'QQ', startTime: `2024-0${1 + (i % 9)}-01T00:00:00Z` }),
      );
      expect(await s.put(batch)).toEqual({ added: 5000, duplicates: 0 });
      const fresh = record({ uid: uid(5000), probeCc: 'QQ' });
      expect(await s.put([...batch.slice(2500), fresh])).toEqual({ added: 1, duplicates: 2500 });
      expect(await s.count({ probeCc: ['QQ'] })).toBe(5001);
      await s.updateAnalyses(batch.map((r) => ({ uid: r.uid, analysis: analysis('anomaly', 'dns', 2) })));
      const [cell] = await s.aggregate({ probeCc: ['QQ'] });
      expect([cell!.measurement_count, cell!.anomaly_count]).toEqual([5001, 5000]);
      expect((await s.get(uid(4999)))?.analysis.outcome).toBe('anomaly');
    });
  });
}
