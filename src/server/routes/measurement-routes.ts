/** Read routes for measurements: aggregation (OONI semantics), search, one measurement, blocked sites, changes, networks, domains. */
import { z } from 'zod';
import { InvalidInputError, NotFoundError } from '../../shared/errors.js';
import {
  type AggregationAxis,
  MAX_UID_LENGTH,
  type MeasurementStore,
} from '../../store/measurement-store.js';
import { AXES } from '../../store/sql/measurement-queries.js';
import type { ApiRouter } from '../api-router.js';
import { certificateChains } from '../certificate-chains.js';
import { paginate, sendList } from '../list-response.js';
import { countryCode, format, page } from '../query-schemas.js';
import { filterQuery, toFilter } from './measurement-filter.js';

const TAG = 'measurements';
const COUNTS = [
  'measurement_count',
  'ok_count',
  'anomaly_count',
  'confirmed_count',
  'failure_count',
  'tls_confirmed_count',
];
const SUMMARY_COLUMNS = [
  'uid',
  'startTime',
  'probeCc',
  'probeAsn',
  'testName',
  'input',
  'domain',
  'categoryCode',
  'outcome',
  'blocking',
  'technique',
  'confirmed',
  'tlsConfirmed',
  'simulated',
  'source',
];

/** Registers the measurement read routes. */
export function measurementRoutes(router: ApiRouter, measurements: MeasurementStore): void {
  router.route(
    {
      method: 'get',
      path: '/aggregation',
      summary: 'Counts by outcome along up to two axes (OONI aggregation semantics)',
      tag: TAG,
      csv: true,
      query: z.object({
        ...filterQuery,
        axis_x: z.enum(AXES).optional(),
        axis_y: z.enum(AXES).optional(),
        format,
      }),
    },
    async (c, { query }) => {
      if (query.axis_x && query.axis_x === query.axis_y)
        throw new InvalidInputError('query parameters "axis_x" and "axis_y" must differ');
      const axes = [query.axis_x, query.axis_y].filter(Boolean) as AggregationAxis[];
      const result = await measurements.aggregate({
        ...toFilter(query),
        ...(query.axis_x ? { axisX: query.axis_x } : {}),
        ...(query.axis_y ? { axisY: query.axis_y } : {}),
      });
      if (query.format === 'csv')
        return sendList(c, { items: result, nextCursor: null }, 'csv', [...axes, ...COUNTS], 'aggregation');
      return c.json({ v: 0, dimension_count: axes.length, result });
    },
  );

  router.route(
    {
      method: 'get',
      path: '/measurements',
      summary: 'Search measurements, newest first, with cursor pagination',
      tag: TAG,
      csv: true,
      query: z.object({ ...filterQuery, format, ...page }),
    },
    async (c, { query }) => {
      const result = await measurements.search({
        ...toFilter(query),
        limit: query.limit,
        ...(query.cursor ? { cursor: query.cursor } : {}),
      });
      return sendList(c, result, query.format, SUMMARY_COLUMNS, 'measurements');
    },
  );

  router.route(
    {
      method: 'get',
      path: '/measurements/:uid',
      summary: 'One measurement: analysis, metadata, the raw record and its decoded certificate chains',
      tag: TAG,
      params: z.object({
        uid: z
          .string()
          .min(1)
          .max(MAX_UID_LENGTH)
          .regex(/^[A-Za-z0-9._:-]+$/, 'expected a measurement uid'),
      }),
      responses: { '404': 'no such measurement' },
    },
    async (c, { params }) => {
      const record = await measurements.get(params.uid);
      if (!record) throw new NotFoundError(`no measurement ${params.uid}`);
      return c.json({ ...record, certificateChains: certificateChains(record.raw) });
    },
  );

  router.route(
    {
      method: 'get',
      path: '/countries/:cc/blocked-sites',
      summary:
        "Sites blocked in a country: techniques, networks, first/last seen, OONI's and netfreedom's TLS confirmation",
      tag: TAG,
      csv: true,
      params: z.object({ cc: countryCode }),
      query: z.object({ ...filterQuery, format, ...page }),
    },
    async (c, { params, query }) => {
      const rows = await measurements.blockedSites(params.cc, toFilter(query));
      return sendList(
        c,
        paginate(rows, query.cursor, query.limit),
        query.format,
        [
          'domain',
          'categoryCode',
          'techniques',
          'networks',
          'firstSeen',
          'lastSeen',
          'measurementCount',
          'blockedCount',
          'anomalyCount',
          'confirmedCount',
          'tlsConfirmedCount',
          'anomalyShare',
          'confirmed',
          'tlsConfirmed',
        ],
        `blocked-sites-${params.cc}`,
      );
    },
  );

  router.route(
    {
      method: 'get',
      path: '/changes',
      summary: 'Detected starts and ends of blocking per country, network and domain',
      tag: TAG,
      csv: true,
      query: z.object({ ...filterQuery, format, ...page }),
    },
    async (c, { query }) => {
      const rows = await measurements.changes(toFilter(query));
      return sendList(
        c,
        paginate(rows, query.cursor, query.limit),
        query.format,
        ['id', 'probeCc', 'probeAsn', 'domain', 'kind', 'at', 'score', 'method', 'measurementUids'],
        'changes',
      );
    },
  );

  router.route(
    {
      method: 'get',
      path: '/networks',
      summary: 'Networks (ASNs) with measurement, anomaly and confirmed counts',
      tag: TAG,
      csv: true,
      query: z.object({ ...filterQuery, format, ...page }),
    },
    async (c, { query }) => {
      const rows = await measurements.networks(toFilter(query));
      return sendList(
        c,
        paginate(rows, query.cursor, query.limit),
        query.format,
        [
          'probeAsn',
          'probeCc',
          'measurementCount',
          'anomalyCount',
          'confirmedCount',
          'tlsConfirmedCount',
          'firstSeen',
          'lastSeen',
        ],
        'networks',
      );
    },
  );

  router.route(
    {
      method: 'get',
      path: '/domains',
      summary: 'Domains with the countries they were measured in and their counts',
      tag: TAG,
      csv: true,
      query: z.object({ ...filterQuery, format, ...page }),
    },
    async (c, { query }) => {
      const rows = await measurements.domains(toFilter(query));
      return sendList(
        c,
        paginate(rows, query.cursor, query.limit),
        query.format,
        [
          'domain',
          'categoryCode',
          'countries',
          'measurementCount',
          'anomalyCount',
          'confirmedCount',
          'tlsConfirmedCount',
        ],
        'domains',
      );
    },
  );
}
