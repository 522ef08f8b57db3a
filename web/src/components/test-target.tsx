/**
 * What a test without a URL tested, in the reader's words ("servers of the Signal app"): the explorer shows it where a
 * URL test shows its input. Product names are data, quoted as they are.
 */
import type { MessageKey } from '../i18n/messages.js';
import { Datum, Message } from './message.js';

/** OONI's test names, as the explorer's filter offers them (web tests, instant messaging, circumvention, performance). */
export const TEST_NAMES = [
  'web_connectivity',
  'http_requests',
  'dns_consistency',
  'urlgetter',
  'browser_web',
  'signal',
  'whatsapp',
  'telegram',
  'facebook_messenger',
  'tor',
  'torsf',
  'vanilla_tor',
  'psiphon',
  'riseupvpn',
  'openvpn',
  'http_invalid_request_line',
  'http_header_field_manipulation',
  'dnscheck',
  'stunreachability',
  'ndt',
  'dash',
] as const;

/** What each test without an input measures: a message, and the product it names. */
const TARGETS: Record<string, { key: MessageKey; product?: string }> = {
  signal: { key: 'testTarget.app', product: 'Signal' },
  whatsapp: { key: 'testTarget.app', product: 'WhatsApp' },
  telegram: { key: 'testTarget.app', product: 'Telegram' },
  facebook_messenger: { key: 'testTarget.app', product: 'Facebook Messenger' },
  tor: { key: 'testTarget.network', product: 'Tor' },
  vanilla_tor: { key: 'testTarget.network', product: 'Tor' },
  torsf: { key: 'testTarget.network', product: 'Tor (Snowflake)' },
  psiphon: { key: 'testTarget.tool', product: 'Psiphon' },
  riseupvpn: { key: 'testTarget.tool', product: 'RiseupVPN' },
  openvpn: { key: 'testTarget.tool', product: 'OpenVPN' },
  http_invalid_request_line: { key: 'testTarget.middlebox' },
  http_header_field_manipulation: { key: 'testTarget.middlebox' },
  dnscheck: { key: 'testTarget.dnsResolvers' },
  stunreachability: { key: 'testTarget.stun' },
  ndt: { key: 'testTarget.speed' },
  dash: { key: 'testTarget.video' },
};

/** What `testName` tested; a test this table does not know is named by its code. */
export function TestTarget({ testName }: { testName: string }) {
  const target = TARGETS[testName];
  if (!target) return <code>{testName}</code>;
  return <Message id={target.key} values={{ product: <Datum>{target.product ?? ''}</Datum> }} />;
}
