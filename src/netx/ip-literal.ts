/** Whether a host string is an IP literal, for modules that may not import node:net. */
import { isIP } from 'node:net';

/** 4 or 6 for an IP literal (brackets allowed around IPv6), 0 for a name. */
export function ipVersion(host: string): 0 | 4 | 6 {
  return isIP(host.replace(/^\[|\]$/g, '')) as 0 | 4 | 6;
}
