import autocannon from 'autocannon';
import { distinctAggregations } from './api/distinct-aggregations.js';

const url = process.argv[2]!;
const next = distinctAggregations();
const r = await autocannon({
  url,
  connections: 50,
  duration: 10,
  requests: [
    {
      setupRequest: (req) => {
        req.path = next();
        return req;
      },
    },
  ],
});
console.log(
  'requests',
  r.requests.total,
  'p50',
  r.latency.p50,
  'p99',
  r.latency.p99,
  'errors',
  r.errors + r.non2xx,
);
