/** Request ids come from the apps' one client library (see @layso/live-client). */
export { newRequestId } from '@layso/live-client';
