import './no-eval.js';
import { createRoot } from 'react-dom/client';
import { App } from './components/App.js';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('no #root element');
createRoot(root).render(<App />);
