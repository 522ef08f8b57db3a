/** Every scenario of the messaging-app and circumvention tests, in the order the suite and the demo run them. */
import type { AppScenario } from './app-scenario.js';
import { DNSCHECK_CASES, STUN_CASES, TOR_CASES } from './circumvention-cases.js';
import { FACEBOOK_MESSENGER_CASES, SIGNAL_CASES, TELEGRAM_CASES, WHATSAPP_CASES } from './im-cases.js';

export const APP_CASES: AppScenario[] = [
  ...TELEGRAM_CASES,
  ...WHATSAPP_CASES,
  ...SIGNAL_CASES,
  ...FACEBOOK_MESSENGER_CASES,
  ...TOR_CASES,
  ...DNSCHECK_CASES,
  ...STUN_CASES,
];
