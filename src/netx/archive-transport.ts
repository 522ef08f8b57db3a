/**
 * How sync reaches remote archives: undici's fetch through two dispatchers. The archive the operator named may be
 * anywhere, a local mirror included; a host a redirect led to may only be reached at public addresses, judged on
 * the very addresses the connection is opened to, so that a name answering a public address to one lookup and a
 * private one to the next (DNS rebinding) cannot slip through.
 */
import type { LookupAddress, LookupAllOptions, LookupOneOptions } from 'node:dns';
import { Agent, fetch as undiciFetch } from 'undici';
import { isBogon, PRIVATE_ADDRESS_CODE } from '../shared/bogon.js';
import { ipVersion } from './ip-literal.js';

type Resolve = (hostname: string) => Promise<string[]>;
type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * `net.connect`'s `lookup` over `resolve`. With `publicOnly`, a name with any private or loopback address among its
 * answers is refused (all of them, not only the one dialled: the next connection may dial another).
 */
export function connectLookup(resolve: Resolve, publicOnly: boolean) {
  return (hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback): void => {
    resolve(hostname).then(
      (addresses) => {
        const inside = publicOnly ? addresses.find((a) => isBogon(a)) : undefined;
        if (inside !== undefined) {
          const err = Object.assign(
            new Error(`${hostname} is a name of a private or loopback address (${inside})`),
            { code: PRIVATE_ADDRESS_CODE, address: inside },
          );
          return callback(err, []);
        }
        const found = addresses.map((address) => ({ address, family: ipVersion(address) || 4 }));
        if (found.length === 0)
          return callback(
            Object.assign(new Error(`${hostname} does not resolve`), { code: 'ENOTFOUND' }),
            [],
          );
        if ('all' in options && options.all) return callback(null, found);
        callback(null, found[0]!.address, found[0]!.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, []),
    );
  };
}

type Init = { signal: AbortSignal; redirect: 'manual' };

/**
 * The transport sync's FetchPolicy takes, its names resolved by `resolve` (the system resolver in the CLI): `fetch`
 * for the archive the operator named (or a redirect within its host), `fetchPublic` for a host a redirect led to,
 * which fails before connecting (a TypeError whose `cause.code` is PRIVATE_ADDRESS_CODE) when any address `resolve`
 * gives its name is private or loopback. An IP literal is not looked up: sync refuses a private one by its text.
 */
export function archiveTransport(resolve: Resolve): {
  fetch(url: URL, init: Init): Promise<Response>;
  fetchPublic(url: URL, init: Init): Promise<Response>;
} {
  const anywhere = new Agent({ connect: { lookup: connectLookup(resolve, false) } });
  const publicOnly = new Agent({ connect: { lookup: connectLookup(resolve, true) } });
  // undici's Response is the same class family as the global one; the cast only joins their type declarations.
  const via = (dispatcher: Agent) => (url: URL, init: Init) =>
    undiciFetch(url, { ...init, dispatcher }) as unknown as Promise<Response>;
  return { fetch: via(anywhere), fetchPublic: via(publicOnly) };
}
