import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { id } from './src/i18n/id.ts';

/**
 * Puts the top bar (the city's identity, the same on every page and in both languages) into
 * index.html, so a phone paints something before the JS has arrived; React replaces it on start.
 */
function staticTopBar(): Plugin {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const shell =
    '<div class="shell"><header class="topbar">' +
    '<span class="icon-btn menu-btn" aria-hidden="true"><span class="burger"></span></span>' +
    `<a href="/" class="brand"><img src="/favicon.svg" alt="" width="32" height="32" /><span class="brand-text"><span class="brand-city">${esc(id['app.city'])}</span><span class="brand-name">${esc(id['app.name'])}</span></span></a>` +
    '</header></div>';
  return {
    name: 'smartcity-static-top-bar',
    transformIndexHtml: (html) => html.replace('<div id="root"></div>', `<div id="root">${shell}</div>`),
  };
}

// The SPA lives in web/ and builds into web/dist, which the server serves (src/app.ts registerWeb).
// `npm run dev:web` proxies /api to a server on port 3000 (`npm start`).
export default defineConfig(({ command }) => {
  // A build is always a production build, even when the calling process has NODE_ENV=test (the
  // test runner, the server's first-start build): otherwise React's slow development build ships.
  if (command === 'build') process.env.NODE_ENV = 'production';
  return {
    root: fileURLToPath(new URL('.', import.meta.url)),
    plugins: [react(), staticTopBar()],
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      target: 'es2022',
      // Leaflet and ECharts are loaded on demand per page; only the shell is in the entry chunk.
      chunkSizeWarningLimit: 600,
      modulePreload: { polyfill: false },
    },
    server: {
      proxy: { '/api': 'http://localhost:3000', '/openapi.json': 'http://localhost:3000' },
    },
  };
});
