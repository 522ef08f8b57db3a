/** Where a server command listens: the port from its flag or the environment, and failures to listen said plainly. */
import { NetfreedomError, UsageError } from '../shared/errors.js';
import { joinHostPort } from '../shared/host-port.js';
import { parsePort } from './parse-args.js';

/** The address is taken, or this process may not have it: the command was right, the machine says no (exit 1). */
export class AddressUnavailableError extends NetfreedomError {
  constructor(message: string) {
    super('CONFLICT', message);
  }
}

/** The environment variables `serve` reads its port from, the first one set winning. */
export const PORT_VARIABLES = ['NETFREEDOM_PORT', 'PORT'] as const;
export const DEFAULT_PORT = 8080;

/** A port and where it came from (`--port 8080`, `PORT=8080`, `the default port 8080`), for messages. */
export interface ChosenPort {
  port: number;
  given: string;
}

/** `--port` wins; then NETFREEDOM_PORT, then PORT (an empty value counts as unset); else 8080. */
export function choosePort(flag: number | undefined, env: NodeJS.ProcessEnv): ChosenPort {
  if (flag !== undefined) return { port: flag, given: `--port ${flag}` };
  for (const name of PORT_VARIABLES) {
    const value = env[name];
    if (!value) continue;
    try {
      return { port: parsePort(value), given: `${name}=${value}` };
    } catch {
      throw new UsageError(`${name}="${value}" is not a port number (0–65535)`);
    }
  }
  return { port: DEFAULT_PORT, given: `the default port ${DEFAULT_PORT}` };
}

/** Codes of a host that is not an address of this machine (or not a name that resolves). */
const NOT_HERE = new Set(['EADDRNOTAVAIL', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME']);

/**
 * Turns Node's failure to listen into a one-line error saying what to do: `given` says where the port came
 * from, `hostGiven` where the host did, `choose` how to pick another port. Other errors come back unchanged.
 */
export function explainListenFailure(
  err: unknown,
  where: { host: string; port: ChosenPort; hostGiven: string; choose: string },
): unknown {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const at = `cannot listen on ${joinHostPort(where.host, where.port.port)}`;
  if (code === 'EADDRINUSE')
    return new AddressUnavailableError(
      `${at} (${where.port.given}): the port is in use by another process; ${where.choose}`,
    );
  if (code === 'EACCES')
    return new AddressUnavailableError(
      `${at} (${where.port.given}): this process may not use that port (below 1024 needs privileges); ${where.choose}`,
    );
  if (code && NOT_HERE.has(code))
    return new UsageError(`${at} (${where.hostGiven}): not an address of this machine (${code})`);
  return err;
}
