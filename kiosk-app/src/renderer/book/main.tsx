/** The citizen's booking page (`/book/`): a phone books a visit; `?huy=<id>` cancels one. */
import '../no-eval.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installFonts } from '../fonts.js';
import { BookApp } from './BookApp.js';
import './book.css';

installFonts(document);
const root = document.getElementById('root');
if (!root) throw new Error('no #root');
createRoot(root).render(
  <StrictMode>
    <BookApp origin={location.origin} cancelId={new URLSearchParams(location.search).get('huy')} />
  </StrictMode>,
);
