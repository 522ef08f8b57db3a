/** Read routes for the evidence drawn from measurements: blocked sites, blocking changes, networks, domains. */
import { z } from 'zod';
import { UsageError } from '../../shared/errors.js';
import { lookupAsn } from '../../shared/ip-registry.js';
import type { MeasurementStore } from '../../store/measurement-store.js';
import type { ApiRouter } from '../api-router.js';
import { blockedSiteList, changeList, domainList, networkList } from '../contract/evidence-json.js';
import { networkRegistryJson, toNetworkRegistryJson } from '../contract/network-registry-json.js';
import { listRoute } from '../list-route.js';
import { asn, countryParams, format, page } from '../query-schemas.js';
import { filterQuery, toFilter } from './measurement-filter.js';

const TAG = 'measurements';
/** Filters a change event has nothing to match: it belongs to a (country, network, domain), not to a test or outcome. */
const NOT_FOR_CHANGES = ['category_code', 'test_name', 'outcome', 'technique'] as const;
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
      params: countryParams,
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
      summary:
        'Detected starts and ends of blocking per country, network and domain (category_code, test_name, outcome and technique are refused)',
      tag: TAG,
      query,
      list: changeList,
      csvName: () => 'changes',
    },
    ({ query }) => {
      // Answering with every change while the client believes it filtered would say more than the data.
      const refused = NOT_FOR_CHANGES.filter((k) => query[k] !== undefined);
      if (refused.length > 0)
        throw new UsageError(
          `${refused.join(', ')}: change events are per country, network and domain, so this filter does not apply to them`,
        );
      return measurements.changes(toFilter(query));
    },
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

  router.route(
    {
      method: 'get',
      path: '/networks/:asn',
      summary: "A network's name and the countries of its addresses, from the bundled registry data",
      tag: TAG,
      response: networkRegistryJson,
      params: z.object({ asn: asn.describe('the network, AS1234') }),
    },
    // The registry loads on the first call (about a second), then answers from memory.
    async (c, { params }) => {
      const n = Number(params.asn.slice(2));
      return c.json(toNetworkRegistryJson(n, lookupAsn(n)));
    },
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
