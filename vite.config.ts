// Builds the web explorer (src/web) into web-dist/, which the server serves. `npm run build:web`.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src/web',
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: '../../web-dist',
    emptyOutDir: true,
    target: 'es2022',
    // cytoscape is one large module; the explorer loads it only on the network page.
    chunkSizeWarningLimit: 800,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
