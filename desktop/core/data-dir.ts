/**
 * Where the app keeps its library when nobody says otherwise: the platform's per-user data
 * folder (what Electron's app.getPath('userData') gives), so the CLI, web mode and the
 * desktop app share one library. TALEMO_DATA_DIR overrides it.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.TALEMO_DATA_DIR) return env.TALEMO_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Talemo');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Talemo');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'talemo');
}
