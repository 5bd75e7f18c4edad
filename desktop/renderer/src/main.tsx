import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { createTalemoClient } from '../../api/client';
import { App } from './App';
import './styles.css';

// Why before the first render: the client takes the token out of the address bar.
const client = createTalemoClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App client={client} />
  </StrictMode>,
);
