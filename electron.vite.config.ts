import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY_META, DEV_CONTENT_SECURITY_POLICY } from './src/main/security';

/** The dev server needs inline scripts for hot reload; builds keep the strict policy of index.html. */
const devServerPolicy = (): Plugin => ({
  name: 'shipdeck-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(CONTENT_SECURITY_POLICY_META, DEV_CONTENT_SECURITY_POLICY)
});

export default defineConfig({
  main: {
    build: {
      // Node-side code keeps its dependencies in node_modules (better-sqlite3 is native).
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          // The core's own process (utilityProcess in Electron, fork in tests).
          'core-host': resolve(__dirname, 'src/main/core-host.ts'),
          cli: resolve(__dirname, 'src/main/cli/index.ts')
        }
      }
    }
  },
  preload: {
    build: {
      // A sandboxed preload can only require('electron'): everything else must be bundled in.
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') } }
    }
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
      minify: true,
      chunkSizeWarningLimit: 600
    },
    plugins: [react(), devServerPolicy()]
  }
});
