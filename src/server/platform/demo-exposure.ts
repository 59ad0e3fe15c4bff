import type { Config } from './config.js';

/**
 * A demo never serves real people. The demo accounts' password and TOTP
 * secret are published (README, start banner), so an instance holding them
 * listens only on the loopback address, unless TRAMA_DEMO=true was set by
 * hand: the embedded default (demo on an empty database when NODE_ENV is not
 * production) is not consent to expose it.
 */

/** 127.0.0.0/8, ::1 and localhost: reachable from this computer only. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

export type DemoExposure =
  /** No demo accounts and none to load: nothing to say. */
  | { kind: 'none' }
  /** Do not listen: print `message` and stop. */
  | { kind: 'refuse'; message: string }
  /** Listen, and print `message` at start. */
  | { kind: 'warn' | 'note'; message: string };

/**
 * What to do at start. `demoPresent`: the demo accounts exist; `demoWouldLoad`:
 * the start is about to load them (demo enabled, empty database).
 */
export function demoExposure(
  config: Pick<Config, 'host' | 'demoExplicit'>,
  state: { demoPresent: boolean; demoWouldLoad: boolean },
): DemoExposure {
  if (!state.demoPresent && !state.demoWouldLoad) return { kind: 'none' };
  const host = config.host;
  if (isLoopbackHost(host)) {
    return {
      kind: 'note',
      message: `DEMO instance: its accounts have a published password and TOTP secret; it listens on HOST=${host}, reachable only from this computer.`,
    };
  }
  if (config.demoExplicit) {
    return {
      kind: 'warn',
      message:
        `WARNING: DEMO instance listening on HOST=${host} because TRAMA_DEMO=true was set: its accounts have a published password and TOTP secret and are reachable from other computers. ` +
        'Never put real data in it.',
    };
  }
  const why = state.demoPresent
    ? 'this instance holds the demo accounts, whose password and TOTP secret are published'
    : 'this start would load the demo accounts (the default on an empty embedded database without NODE_ENV=production), whose password and TOTP secret are published';
  return {
    kind: 'refuse',
    message: [
      `Trama will not listen on HOST=${host}: ${why}.`,
      '  - to try the demo, listen on this computer only: HOST=localhost (the default) or 127.0.0.1;',
      '  - to show the demo to others on purpose, set TRAMA_DEMO=true in the environment;',
      state.demoPresent
        ? '  - for real use, start on a new, empty DATA_DIR (or DATABASE_URL) with TRAMA_DEMO=false or NODE_ENV=production.'
        : '  - for real use, set TRAMA_DEMO=false or NODE_ENV=production.',
    ].join('\n'),
  };
}
