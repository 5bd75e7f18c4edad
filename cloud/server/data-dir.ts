// Where the service keeps its PGlite database, its secret and its assets when CLOUD_DATA_DIR is
// not given: the platform's per-user data folder, so `npm run cloud` works from any folder and
// never writes into the repository.
import os from 'node:os';
import path from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32')
    return path.join(env.LOCALAPPDATA ?? env.APPDATA ?? path.join(home, 'AppData', 'Local'), 'talemo-cloud');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'talemo-cloud');
  return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'talemo-cloud');
}
