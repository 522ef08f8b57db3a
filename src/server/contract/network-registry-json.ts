/** A network as the bundled registry data knows it: its organisation, the countries of its addresses, reserved numbers. */
import { z } from 'zod';
import type { AsnRegistryEntry } from '../../shared/ip-registry.js';
import { named } from './api-schemas.js';

const RESERVED = ['documentation', 'private_use', 'zero'] as const;
type Reserved = (typeof RESERVED)[number];

export const REGISTRY_SOURCE =
  'the @ip-location-db/asn (RouteViews and DB-IP: prefix to network and organisation) and ' +
  '@ip-location-db/asn-country (NRO delegations: prefix to country) npm packages bundled with netfreedom, IPv4 only';

export const networkRegistryJson = named(
  'NetworkRegistry',
  'A network (ASN) as the bundled registry data knows it; nothing here comes from the measurements',
  z.strictObject({
    probe_asn: z.string().describe('"AS1234"'),
    name: z
      .string()
      .nullable()
      .describe('the organisation the registry names for it; null when no IPv4 prefix is announced from it'),
    countries: z
      .array(z.strictObject({ probe_cc: z.string(), ipv4_addresses: z.number().int() }))
      .describe(
        "the countries its announced IPv4 prefixes are registered in (by each prefix's first address), most " +
          'addresses first; where a network is registered is not always where its users are',
      ),
    reserved: z
      .enum(RESERVED)
      .nullable()
      .describe(
        'a number that belongs to no real network: documentation (RFC 5398: AS64496–AS64511, AS65536–AS65551), ' +
          'private use (RFC 6996: AS64512–AS65534, AS4200000000–AS4294967294) or AS0 (RFC 7607)',
      ),
    source: z.string().describe('where the name and countries come from'),
  }),
);

export type NetworkRegistryJson = z.output<typeof networkRegistryJson>;

/** Whether `asn` is a number reserved for no real network, and for what. */
export function reservedAsn(asn: number): Reserved | null {
  if (asn === 0) return 'zero';
  if ((asn >= 64496 && asn <= 64511) || (asn >= 65536 && asn <= 65551)) return 'documentation';
  if ((asn >= 64512 && asn <= 65534) || (asn >= 4_200_000_000 && asn <= 4_294_967_294)) return 'private_use';
  return null;
}

/** The answer for network `asn` from its registry entry (null when the registry has none). */
export function toNetworkRegistryJson(asn: number, entry: AsnRegistryEntry | null): NetworkRegistryJson {
  const reserved = reservedAsn(asn);
  return {
    probe_asn: `AS${asn}`,
    // A reserved number names no organisation, whatever a registry row might say.
    name: reserved ? null : (entry?.name ?? null),
    countries: reserved
      ? []
      : (entry?.countries ?? []).map((c) => ({ probe_cc: c.cc, ipv4_addresses: c.addresses })),
    reserved,
    source: REGISTRY_SOURCE,
  };
}
