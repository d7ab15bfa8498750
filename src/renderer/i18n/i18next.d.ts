import 'i18next';
import type en from './locales/en.json';

// Keys are checked against the English resources: a typo in t('…') is a compile error.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
