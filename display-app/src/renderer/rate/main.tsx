// The rating tablet's page (`/rate/`): composition root. The tablet is paired like a display
// (its own token in localStorage); its counter is a device setting the admin chooses.

import '../no-eval.js';
import { createRoot } from 'react-dom/client';
import { RateApp } from './RateApp.js';
import { TabletClient } from './tablet-client.js';
import '../styles.css';
import './rate.css';

const TOKEN_KEY = 'layso.rating.deviceToken';

function storage(): Storage | null {
  try {
    const s = window.localStorage;
    s.getItem(TOKEN_KEY);
    return s;
  } catch {
    return null;
  }
}

const store = storage();
const counterParam = Number(new URLSearchParams(location.search).get('counter') ?? '');
const client = new TabletClient(
  store?.getItem(TOKEN_KEY) ?? null,
  (refused) => {
    if (store?.getItem(TOKEN_KEY) === refused) store.removeItem(TOKEN_KEY);
  },
  Number.isInteger(counterParam) && counterParam > 0 ? counterParam : null,
);
const onPaired = (token: string): void => {
  try {
    store?.setItem(TOKEN_KEY, token);
  } catch {
    // Not remembered: the tablet works until the next reload, then asks again.
  }
  client.paired(token);
};

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(<RateApp client={client} onPaired={onPaired} />);
client.start();
