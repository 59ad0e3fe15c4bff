import type it from './it.json';

// Typed keys: `t('auth.login.title')` is checked against the Italian source.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof it };
    returnNull: false;
  }
}
