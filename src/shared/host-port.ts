/** "ip:port" endpoints as OONI writes them (IPv6 in brackets, like Go's net.JoinHostPort), joined and split. */

/** "ip:port", bracketing IPv6. */
export function joinHostPort(ip: string, port: number | string): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/** Splits "ip:port" / "[v6]:port". */
export function splitHostPort(endpoint: string): { ip: string; port: number } {
  const i = endpoint.lastIndexOf(':');
  return { ip: endpoint.slice(0, i).replace(/^\[|\]$/g, ''), port: Number(endpoint.slice(i + 1)) };
}
