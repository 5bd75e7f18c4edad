/**
 * Draws the app icon (build/icon.png, 512×512) with the title-card renderer, so the icon needs
 * no design tool and no font file: `npx tsx build/make-icon.ts`. electron-builder makes the
 * platform sizes (.ico, .icns) from it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { renderTitleCard } from '../device-bridge/image/title-card';

writeFileSync(
  join(import.meta.dirname, 'icon.png'),
  renderTitleCard({ title: 'Talemo', theme: 'night', width: 512, height: 512 }),
);
