// The province board: a plain web app each hub node serves at / (province-hub/dist/web).
import { webApp } from '../vite.apps.js';

export default webApp({ configUrl: import.meta.url, root: './web', base: '/' });
