/**
 * Picks the transport for the renderer: Electron's bridge when the preload put one on
 * `window.talemo`, else loopback HTTP to the server that served this page, with the token
 * it printed in the address (`#token=…`, kept out of the server's logs and history).
 */
import { createHttpClient } from './http-client';
import { createIpcClient, type TalemoBridge } from './ipc-client';
import type { TalemoClient } from './contract';

declare global {
  interface Window {
    talemo?: TalemoBridge;
  }
}

const TOKEN_STORAGE_KEY = 'talemo.token';

export function createTalemoClient(): TalemoClient | null {
  if (window.talemo) return createIpcClient(window.talemo);
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, fromHash);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  const token = fromHash ?? sessionStorage.getItem(TOKEN_STORAGE_KEY);
  return token ? createHttpClient(window.location.origin, token) : null;
}
