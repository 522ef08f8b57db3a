/** GET load for bench/api: autocannon's clients for a while, each request's path from a function, latency percentiles. */
import autocannon from 'autocannon';

/** One line of the benchmark's figures: latencies in ms, errors = socket errors, timeouts and non-2xx answers. */
export interface Figure {
  name: string;
  requests: number;
  p50: number;
  p99: number;
  errors: number;
  /** How the errors were answered ("503", "timeout", …), for the report. */
  errorKinds: Record<string, number>;
}

/** `connections` clients GET `path()` back to back for `seconds`. */
export async function readLoad(
  url: string,
  name: string,
  path: () => string,
  connections: number,
  seconds: number,
): Promise<Figure> {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        setupRequest: (req) => {
          req.path = path();
          return req;
        },
      },
    ],
  });
  const errorKinds: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) {
    if (!code.startsWith('2') && count) errorKinds[code] = count;
  }
  if (result.timeouts) errorKinds.timeout = result.timeouts;
  // autocannon counts timeouts among its errors.
  const socketErrors = result.errors - result.timeouts;
  if (socketErrors) errorKinds['socket error'] = socketErrors;
  return {
    name,
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    errorKinds,
  };
}
