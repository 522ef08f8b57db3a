/** Read routes for the evidence drawn from measurements: blocked sites, blocking changes, networks, domains. */
import { z } from 'zod';
import type { MeasurementStore } from '../../store/measurement-store.js';
import type { ApiRouter } from '../api-router.js';
import { blockedSiteList, changeList, domainList, networkList } from '../contract/evidence-json.js';
import { listRoute } from '../list-route.js';
import { countryCode, format, page } from '../query-schemas.js';
import { filterQuery, toFilter } from './measurement-filter.js';

const TAG = 'measurements';
const query = z.object({ ...filterQuery, format, ...page });

/** Registers the evidence routes. */
export function evidenceRoutes(router: ApiRouter, measurements: MeasurementStore): void {
  listRoute(
    router,
    {
      method: 'get',
      path: '/countries/:cc/blocked-sites',
      summary: 'Sites blocked in a country: techniques, networks, first/last seen, confirmed',
      tag: TAG,
      params: z.object({ cc: countryCode }),
      query,
      list: blockedSiteList,
      csvName: ({ params }) => `blocked-sites-${params.cc}`,
    },
    ({ params, query }) => measurements.blockedSites(params.cc, toFilter(query)),
  );

  listRoute(
    router,
    {
      method: 'get',
      path: '/changes',
      summary: 'Detected starts and ends of blocking per country, network and domain',
      tag: TAG,
      query,
      list: changeList,
      csvName: () => 'changes',
    },
    ({ query }) => measurements.changes(toFilter(query)),
  );

  listRoute(
    router,
    {
      method: 'get',
      path: '/networks',
      summary: 'Networks (ASNs) with measurement, anomaly and confirmed counts',
      tag: TAG,
      query,
      list: networkList,
      csvName: () => 'networks',
    },
    ({ query }) => measurements.networks(toFilter(query)),
  );

  listRoute(
    router,
    {
      method: 'get',
      path: '/domains',
      summary: 'Domains with the countries they were measured in and their counts',
      tag: TAG,
      query,
      list: domainList,
      csvName: () => 'domains',
    },
    ({ query }) => measurements.domains(toFilter(query)),
  );
}
