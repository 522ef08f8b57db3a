/** The languages netfreedom speaks: English (the API's and the CLI's), Russian and Kazakh. */

export const LANGUAGES = ['en', 'ru', 'kk'] as const;
export type Lang = (typeof LANGUAGES)[number];
