// The staff app: a plain web app the queue server serves at /staff/ (officer console, manager
// board, administration and reports).
import { webApp } from '../vite.apps.js';

export default webApp({
  configUrl: import.meta.url,
  root: './src',
  base: '/staff/',
  build: {
    rolldownOptions: {
      // @layso/shared's index also exports ticket printing (and its QR library), which the staff
      // app never uses; those modules have no side effects, so let them drop out of the bundle.
      treeshake: {
        moduleSideEffects: (id: string) => !/[\\/](shared[\\/]src[\\/]print|node_modules[\\/](qrcode|dijkstrajs|pngjs))[\\/]/.test(id),
      },
    },
  },
});
