/** Country names by language and ISO 3166-1 code: the generated tables of country-names/ gathered. */
import { NAMES as en } from './country-names/en.js';
import { NAMES as kk } from './country-names/kk.js';
import { NAMES as ru } from './country-names/ru.js';

export const COUNTRY_NAMES: Record<string, Record<string, string>> = { en, ru, kk };
