import type { Plugin } from 'vite';

/**
 * One Content-Security-Policy for the page (a meta tag, so any static host gets it) and for every
 * response of the preview server (headers, which also cover the worker: a worker script obeys
 * the policy of its own response, not the page's). 'wasm-unsafe-eval' lets the worker compile
 * its WebAssembly kernels and allows no JavaScript eval. connect-src stays open to http(s): a
 * `?data=` link may name any origin, and the app asks before fetching from another one.
 */
export function contentSecurityPolicy(dev: boolean): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self' blob:",
    // React sets style props through the CSSOM, which CSP allows; Vite's dev server injects <style>.
    dev ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    "img-src 'self' data: blob:",
    "connect-src 'self' https: http: blob: data:",
    "base-uri 'none'",
    "object-src 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * Headers a static host should send (frame-ancestors works only as a header, not in a meta tag).
 * The full policy stays in the page's meta tag only: sent as a header it also binds the worker
 * script, and the compare service's operating points then failed to answer (not yet traced).
 */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': "frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

/** Puts the policy into index.html, and writes `_headers` (Netlify / Cloudflare Pages format). */
export function securityPlugin(): Plugin {
  let dev = false;
  return {
    name: 'workbench-security',
    configResolved: (c) => void (dev = c.command === 'serve'),
    transformIndexHtml: (html) => html.replace('%CSP%', contentSecurityPolicy(dev)),
    generateBundle() {
      const lines = Object.entries(securityHeaders()).map(([k, v]) => `  ${k}: ${v}`);
      this.emitFile({ type: 'asset', fileName: '_headers', source: `/*\n${lines.join('\n')}\n` });
    },
  };
}
