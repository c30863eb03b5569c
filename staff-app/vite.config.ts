// The staff app: a plain web app the queue server serves at /staff/ (officer console, manager
// board, and later administration and reports).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('./src'),
  base: '/staff/',
  publicDir: false,
  build: {
    outDir: here('./dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      // @layso/shared's index also exports ticket printing (and its QR library), which the staff
      // app never uses; those modules have no side effects, so let them drop out of the bundle.
      treeshake: {
        moduleSideEffects: (id: string) => !/[\\/](shared[\\/]src[\\/]print|node_modules[\\/](qrcode|dijkstrajs|pngjs))[\\/]/.test(id),
      },
    },
  },
  resolve: { alias: { '@layso/shared': here('../shared/src/index.ts'), '@layso/live-client': here('../live-client/src/index.ts') } },
  oxc: { jsx: { runtime: 'automatic' } },
});
