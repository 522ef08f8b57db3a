/**
 * Injection strings for the API's parameters: SQL quoting and comments, UNION and stacked queries, backslash
 * escapes, unicode quotes, format specifiers, ClickHouse's `{name:Type}` parameters, template syntax, control
 * characters and lengths; each alone and behind a valid value, as a parameter would carry it.
 */

const ALONE = [
  "'",
  "''",
  '"',
  '`',
  "' OR '1'='1",
  "' OR 1=1 --",
  '" OR ""="',
  "1' OR '1'='1' /*",
  "'; DROP TABLE measurements; --",
  '1; SELECT 1',
  "' UNION SELECT * FROM measurements --",
  "' UNION ALL SELECT NULL, NULL, version() --",
  ') OR (1=1',
  '\\',
  "\\'",
  "\\' OR 1=1 --",
  '%',
  '_',
  '*',
  '/**/',
  '-- ',
  '#',
  '\u2019 OR \u20181\u2019=\u20181',
  '\uff07 OR 1=1',
  '\u02bc OR 1=1',
  '%s%s%s%n',
  '%d %x',
  '{0}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection string, meant literally
  '${7*7}',
  '{{7*7}}',
  '{p:String}',
  '{cc:String}',
  '{id:Identifier}',
  "'||(SELECT version())||'",
  'CHAR(39)',
  '0x27',
  "'\u0000'",
  '\u0000',
  '\r\n',
  ' ',
  'x'.repeat(5000),
  "' AND sleep(3) --",
  "' FORMAT JSONEachRow --",
  'SETTINGS max_threads=1',
  '1 AS x FROM system.tables --',
];

/** Values a parameter is usually given, so that a payload rides behind one that passes a prefix check. */
const CARRIERS = ['KZ', 'AS9198', 'meduza.io', '2024', '2024-01-01', 'ok', 'probe_cc', 'admin'];

/** Every payload, alone and behind each carrier. */
export const INJECTION_PAYLOADS: readonly string[] = [
  ...ALONE,
  ...CARRIERS.flatMap((carrier) =>
    ["'", "' OR '1'='1", "' --", '\\', ",x' OR 1=1"].map((p) => `${carrier}${p}`),
  ),
];
