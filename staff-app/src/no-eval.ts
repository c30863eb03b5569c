/**
 * Imported first by the entry: zod compiles object schemas with `new Function` when the page
 * allows it, and merely trying is a violation of the server's Content-Security-Policy (no eval).
 * This runs before any schema (shared's are built when their module loads) is constructed.
 */
import { z } from 'zod';

z.config({ jitless: true });
