/** Read routes for measurements themselves: aggregation (OONI semantics), search, one measurement. */
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
import { aggregationColumns, aggregationJson, toAggregationJson } from '../contract/aggregation-json.js';
import { toCertificateChainJson } from '../contract/certificate-json.js';
import { measurementJson, measurementList, toMeasurementJson } from '../contract/measurement-json.js';
import { sendCsv, sendList } from '../list-response.js';
import { format, page } from '../query-schemas.js';
import { filterQuery, toFilter } from './measurement-filter.js';

const TAG = 'measurements';

/** Registers the measurement read routes. */
export function measurementRoutes(router: ApiRouter, measurements: MeasurementStore): void {
  router.route(
    {
      method: 'get',
      path: '/aggregation',
      summary: 'Counts by outcome along up to two axes (OONI aggregation semantics)',
      tag: TAG,
      response: aggregationJson,
      csv: aggregationColumns(['{axis_x}', '{axis_y}']),
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
      const rows = await measurements.aggregate({
        ...toFilter(query),
        ...(query.axis_x ? { axisX: query.axis_x } : {}),
        ...(query.axis_y ? { axisY: query.axis_y } : {}),
      });
      if (query.format === 'csv')
        return sendCsv(
          c,
          aggregationColumns(axes),
          rows as unknown as Record<string, unknown>[],
          'aggregation',
        );
      return c.json(toAggregationJson(rows, axes));
    },
  );

  router.route(
    {
      method: 'get',
      path: '/measurements',
      summary: 'Search measurements, newest first, with cursor pagination',
      tag: TAG,
      response: measurementList.page,
      csv: measurementList.csvColumns,
      query: z.object({ ...filterQuery, format, ...page }),
    },
    async (c, { query }) => {
      const result = await measurements.search({
        ...toFilter(query),
        limit: query.limit,
        ...(query.cursor ? { cursor: query.cursor } : {}),
      });
      return sendList(c, result, query.format, measurementList, 'measurements');
    },
  );

  router.route(
    {
      method: 'get',
      path: '/measurements/:uid',
      summary: 'One measurement: analysis, metadata, the raw record and its decoded certificate chains',
      tag: TAG,
      response: measurementJson,
      params: z.object({
        uid: z
          .string()
          .min(1)
          .max(MAX_UID_LENGTH)
          .regex(/^[A-Za-z0-9._:-]+$/, 'expected a measurement uid')
          .describe('measurement_uid'),
      }),
      responses: { '404': 'no such measurement' },
    },
    async (c, { params }) => {
      const record = await measurements.get(params.uid);
      if (!record) throw new NotFoundError(`no measurement ${params.uid}`);
      return c.json(toMeasurementJson(record, certificateChains(record.raw).map(toCertificateChainJson)));
    },
  );
}
