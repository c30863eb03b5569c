import type { CounterView } from '@layso/shared';
import { useWords } from '../hooks/useLang.js';

/** The counter's state as a chip with an icon and words (never colour alone). */
export function CounterStateChip(props: { counter: Pick<CounterView, 'state' | 'pauseReason'> }) {
  const { t } = useWords();
  const { state, pauseReason } = props.counter;
  const icon = state === 'open' ? '●' : state === 'paused' ? '⏸' : '✕';
  const label = state === 'open' ? t('stateOpen') : state === 'paused' ? t('statePaused') : t('stateClosed');
  return (
    <span className={`chip chip-${state}`} data-state={state}>
      <span aria-hidden="true">{icon}</span> {label}
      {state === 'paused' && pauseReason ? `: ${pauseReason}` : ''}
    </span>
  );
}
