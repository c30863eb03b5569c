/** Choose a counter: every counter with its state and officer; a click opens it. */
import { useState } from 'react';
import type { CounterView } from '@layso/shared';
import { useWords } from '../hooks/useLang.js';
import { useStaff } from '../hooks/useStaff.js';
import { navigate } from '../hooks/useRoute.js';
import { CounterStateChip } from './CounterState.js';

export function CounterList() {
  const { t, err, lang } = useWords();
  const { conn, view } = useStaff();
  const [error, setError] = useState<{ code: string; counter: number } | null>(null);
  const state = view.state!;
  const me = view.me!;
  const serviceName = (id: string): string => {
    const s = state.services.find((x) => x.id === id);
    return s ? (lang === 'vi' ? s.nameVi : s.nameEn) : id;
  };

  async function choose(c: CounterView): Promise<void> {
    setError(null);
    if (c.officerId === me.id && c.state !== 'closed') {
      navigate({ page: 'counter', counterId: c.id });
      return;
    }
    const r = await conn.command(`${c.id}:open`, 'counter:open', { counterId: c.id });
    if (r.kind === 'ok') navigate({ page: 'counter', counterId: c.id });
    else if (r.kind === 'error') setError({ code: r.code, counter: c.number });
  }

  return (
    <section className="counter-list" aria-labelledby="counters-title">
      <h1 id="counters-title">{t('chooseCounter')}</h1>
      <p className="hint">{t('chooseCounterHint')}</p>
      {error && (
        <p className="msg msg-error" role="alert" data-code={error.code}>
          {t('counter')} {error.counter}: {err(error.code)}
        </p>
      )}
      <ul className="counter-grid">
        {state.counters.map((c) => {
          const mine = c.officerId === me.id && c.state !== 'closed';
          const taken = c.state !== 'closed' && c.officerId !== null && !mine;
          const pending = view.pending.has(`${c.id}:open`);
          return (
            <li key={c.id} className={`counter-card${mine ? ' mine' : ''}`} data-counter={c.id}>
              <div className="counter-card-head">
                <span className="counter-number">
                  {t('counter')} {c.number}
                </span>
                <CounterStateChip counter={c} />
              </div>
              <div className="counter-card-services">{c.serviceIds.map(serviceName).join(' · ')}</div>
              <div className="counter-card-officer">
                {mine ? `★ ${t('yourCounter')}` : c.officerName && c.state !== 'closed' ? t('takenBy', { name: c.officerName }) : t('noOfficer')}
              </div>
              <button
                type="button"
                className={`btn ${mine ? 'btn-primary' : taken ? 'btn-secondary' : 'btn-primary'}`}
                aria-label={`${t(mine ? 'goToCounter' : 'openCounter')} ${c.number}`}
                disabled={pending}
                onClick={() => void choose(c)}
              >
                {pending ? t('openingCounter') : mine ? t('goToCounter') : t('openCounter')}
              </button>
              {taken && (
                <a className="counter-card-watch" href={`#/counter/${encodeURIComponent(c.id)}`}>
                  {t('watchCounter')}
                </a>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
