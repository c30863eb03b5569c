/**
 * `@layso/electron-shell`: what the kiosk's and the display's Electron main processes share: the
 * IPC gate (sender, origin and every argument checked), page recovery (crash, hang, unreachable
 * server) and auto-start. Plain modules: Electron's objects come in through narrow interfaces,
 * so all of it is tested without Electron.
 */
export {
  ForbiddenSender,
  InvalidArguments,
  isOnServer,
  isTrustedSender,
  registerIpc,
  type ChannelArgs,
  type ChannelHandlersOf,
  type IpcMainLike,
  type IpcTable,
  type SenderEvent,
  type TrustedPage,
} from './ipc.js';
export { DEFAULT_RECOVERY, PageRecovery, type RecoveryActions, type RecoveryPolicy, type RecoveryTimers } from './recovery.js';
export { applyAutostart, autostartPlan, configHome, type AutostartApp, type AutostartEffects, type AutostartInput, type AutostartPlan } from './autostart.js';
export { keepScreenAwake, type AwakeTimers, type PowerSaveBlockerLike } from './awake.js';
