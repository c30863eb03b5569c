// Reading ticket calls aloud in Vietnamese (and English): pure functions, no I/O.

export {
  MAX_SPOKEN_NUMBER,
  NUMBER_WORDS_VI,
  numberTokensVi,
  readNumberVi,
  type NumberWordVi,
} from './number-words.js';
export {
  callPhraseEn,
  callPhraseVi,
  callTokensVi,
  displayNumberTokensVi,
} from './call-phrase.js';
export {
  CALL_OPENING_VI,
  CALL_TO_COUNTER_VI,
  LETTER_NAMES_VI,
  VOICE_TOKENS_VI,
  voiceClipSlug,
  type LetterNameVi,
  type PrefixLetter,
  type VoiceTokenVi,
} from './tokens.js';
