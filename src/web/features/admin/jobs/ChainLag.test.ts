// @vitest-environment happy-dom
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, describe, expect, it } from 'vitest';
import i18n from '../../../i18n';
import { ChainLag } from './ChainLag';
import type { AuditChainLag } from './jobs.api';

/** The audit chain's lag on the administrator's activity page (/admin/attivita): figures, and a warning past the server's limit. */
const render = (lag: AuditChainLag) => renderToStaticMarkup(createElement(ChainLag, { lag }));
afterAll(() => i18n.changeLanguage('it'));

describe('the audit chain lag', () => {
  it('shows the rows waiting and the oldest one\'s age, with no warning while the chainer keeps up', async () => {
    await i18n.changeLanguage('it');
    const html = render({ unchained: 3, oldestSeconds: 0.4, maxUnchainedSeconds: 60 });
    expect(html).toContain('Righe in attesa di essere concatenate');
    expect(html).toMatch(/<dd[^>]*>3<\/dd>/);
    expect(html).toContain('0 secondi');
    expect(html).not.toContain('role="alert"');
    expect(render({ unchained: 0, oldestSeconds: 0, maxUnchainedSeconds: 60 })).not.toContain('role="alert"');
  });

  it('warns (a Bootstrap Italia alert) once the oldest has waited longer than the limit audit:verify applies', async () => {
    await i18n.changeLanguage('it');
    const html = render({ unchained: 12, oldestSeconds: 185.3, maxUnchainedSeconds: 60 });
    expect(html).toContain('<div class="alert alert-warning" role="alert">');
    expect(html).toContain('attende da 3 minuti di essere concatenata (il limite è 60 secondi)');
    // Right at the limit, not yet.
    expect(render({ unchained: 1, oldestSeconds: 60, maxUnchainedSeconds: 60 })).not.toContain('role="alert"');
    await i18n.changeLanguage('en');
    expect(render({ unchained: 1, oldestSeconds: 7300, maxUnchainedSeconds: 60 })).toContain('has waited 2 hours to be chained (the limit is 60 seconds)');
  });
});
