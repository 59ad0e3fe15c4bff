import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Vite builds the staff web app from src/web into dist/web, which the
 * Fastify server serves. The dev server proxies /api to a server running on
 * port 3000 so the app talks to it same-origin, as in production.
 *
 * No external URL may appear here or in the output: the server's CSP only
 * allows 'self' and the app must make no third-party request.
 */
const root = fileURLToPath(new URL('./src/web', import.meta.url));

/**
 * Namespace names: identifiers that look like URLs, never fetched (svg,
 * xlink, MathML; Sketch's, left in an SVG that design-react-kit ships; the
 * JSON Schema dialects Zod names in `$schema`, now that the forms validate
 * with the shared Zod schemas).
 */
const namespaceHosts = new Set(['www.w3.org', 'www.bohemiancoding.com', 'json-schema.org']);
/**
 * Bases that react-router hands to `new URL()` to parse relative paths
 * (overridden by window.location in a browser). Loopback, never fetched.
 */
const parseBases = new Set(['http://localhost']);
/**
 * Hosts that libraries name in console warnings, error messages and licence
 * comments. The text is kept (licences require their notice), the scheme is
 * dropped so the bundle holds no link to a third-party origin.
 */
const documentationHosts = new Set([
  'react.dev',
  'reactrouter.com',
  'www.i18next.com',
  'locize.com',
  'github.com',
  'italia.github.io',
  'getbootstrap.com',
  'fb.me',
]);
const textFile = /\.(js|mjs|css|html|svg|json|txt)$/;
/**
 * @font-face rules whose font is inlined as a data: URL (Bootstrap Italia
 * bundles video.js's icon font this way). CSP `font-src 'self'` refuses
 * them, and Chromium loads data: fonts eagerly, so every page would log a
 * CSP violation. We ship no video player: the rules are dropped.
 */
const dataUrlFontFace = /@font-face\{[^}]*url\(\s*["']?data:[^}]*\}/g;
const urlPattern = /https?:\/\/([a-z0-9.-]+)/gi;

/** Drops the scheme of documentation links; records any other absolute URL. */
function cleanUrls(text: string, found: (url: string) => void): string {
  return text.replace(urlPattern, (url: string, host: string) => {
    const h = host.toLowerCase();
    if (namespaceHosts.has(h) || parseBases.has(url)) return url;
    if (documentationHosts.has(h)) return host;
    found(url);
    return url;
  });
}

/**
 * Enforces "no third-party origin" on the build output. Rewrites happen
 * before file names are hashed (CSS when it is loaded, JS when chunks are
 * rendered), so a changed output always gets a new name; the last step
 * checks every emitted text file and fails the build, naming the file, if
 * any other absolute URL is left, so a new dependency cannot quietly add a
 * request to somewhere else.
 */
function noExternalOrigins(): Plugin[] {
  const unexpected = new Set<string>();
  return [
    {
      name: 'trama:no-external-origins:rewrite',
      apply: 'build',
      enforce: 'pre',
      buildStart() {
        unexpected.clear();
      },
      transform(code, id) {
        if (!/\.css($|\?)/.test(id) || id.includes('?url')) return null;
        return { code: cleanUrls(code.replace(dataUrlFontFace, ''), () => undefined), map: null };
      },
      renderChunk(code) {
        return { code: cleanUrls(code, () => undefined), map: null };
      },
    },
    {
      name: 'trama:no-external-origins:check',
      apply: 'build',
      enforce: 'post',
      generateBundle(_options, bundle) {
        for (const file of Object.values(bundle)) {
          if (!textFile.test(file.fileName)) continue;
          const text =
            file.type === 'chunk'
              ? file.code
              : typeof file.source === 'string'
                ? file.source
                : new TextDecoder().decode(file.source);
          cleanUrls(text, (url) => unexpected.add(`${file.fileName}: ${url}`));
          if (file.fileName.endsWith('.css') && dataUrlFontFace.test(text)) {
            unexpected.add(`${file.fileName}: @font-face with a data: URL`);
          }
          dataUrlFontFace.lastIndex = 0;
        }
        if (unexpected.size > 0) {
          this.error(`external URLs in the web build (CSP allows 'self' only):\n  ${[...unexpected].join('\n  ')}`);
        }
      },
    },
  ];
}

export default defineConfig({
  root,
  // Relative to `root`: the built files land in <repo>/dist/web.
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // Fonts and icons stay files: `font-src 'self'` does not allow data: fonts.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  plugins: [react(), ...noExternalOrigins()],
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
    },
  },
});
