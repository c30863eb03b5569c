// What the four web apps (kiosk, display, staff, the province board) build alike: React with the
// automatic JSX runtime, ES2022, the workspaces' sources (not their last build), output in the
// app's dist/web. Each app's vite.config.ts names only where it lives and what differs.
import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'vite';

const source = (workspace: string): string => fileURLToPath(new URL(`./${workspace}/src/index.ts`, import.meta.url));


export interface WebApp {
  /** The app's vite.config.ts `import.meta.url`. */
  configUrl: string;
  /** The folder of index.html, relative to the app. */
  root: string;
  /** Where the queue server (or the hub) serves it. */
  base: string;
  /** Static files copied as they are (the display's voice pack), relative to the app. */
  publicDir?: string;
  build?: UserConfig['build'];
}

export function webApp(app: WebApp): UserConfig {
  const here = (p: string): string => fileURLToPath(new URL(p, app.configUrl));
  return defineConfig({
    root: here(app.root),
    base: app.base,
    publicDir: app.publicDir === undefined ? false : here(app.publicDir),
    build: { outDir: here('./dist/web'), emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 800, ...app.build },
    resolve: { alias: { '@layso/shared': source('shared'), '@layso/live-client': source('live-client'), '@layso/ui-react': source('ui-react') } },
    oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  });
}
