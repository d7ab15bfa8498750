import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Three builds: the main process (services + thin Electron shell, and the embedded backend), the preload script and the
// renderer. Native and Node dependencies stay external in main; the preload is bundled whole
// and emitted as CommonJS because sandboxed preloads cannot load ES modules.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // server: the embedded backend, which the shell forks as a utility process.
      rollupOptions: { input: { index: resolve('src/main/shell/index.ts'), server: resolve('src/server/main.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
});
