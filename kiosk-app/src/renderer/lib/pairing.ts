/** Pairing this kiosk: the code-entry reducer and the pair request live in shared (the display uses them too). */
export {
  PAIRING_CODE_LENGTH as CODE_LENGTH,
  codeEntryReducer,
  initialCodeEntry,
  pairDevice,
  pairOutcomeOf,
  type CodeAction,
  type CodeEntry,
  type PairOutcome,
  type PairingProblem,
} from '@layso/shared';
