/**
 * Names for packs on boxes. A Lunii pack holds no title, so the box's list is named from what
 * Talemo knows: the pack it installed (box_packs, migration 0006), else a library story with
 * the same pack identity (a story imported from the same STUdio zip), else nothing.
 */
import type { Library } from '../library/library';

export interface PackNames {
  storyId: string | null;
  title: string;
  description: string;
}

export class BoxPackNames {
  readonly #library: Library;

  constructor(library: Library) {
    this.#library = library;
  }

  remember(packUuid: string, storyId: string | null, title: string, description: string): void {
    this.#library.db
      .prepare(
        `INSERT INTO box_packs (pack_uuid, story_id, title, description, installed_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (pack_uuid) DO UPDATE SET story_id = excluded.story_id, title = excluded.title,
           description = excluded.description, installed_at = excluded.installed_at`,
      )
      .run(packUuid, storyId, title, description, new Date().toISOString());
  }

  lookup(packUuid: string): PackNames | null {
    const row = this.#library.db
      .prepare('SELECT story_id AS storyId, title, description FROM box_packs WHERE pack_uuid = ?')
      .get(packUuid) as PackNames | undefined;
    // Why the library first when it knows the story: a title edited since the install is the name a
    // parent expects. (A deleted story's row keeps its title: the foreign key sets story_id to null.)
    const storyId = row?.storyId ?? this.#library.stories.findByPackId(packUuid)[0] ?? null;
    if (storyId) {
      const story = this.#library.stories.summary(storyId);
      return { storyId, title: story.title, description: story.summary };
    }
    return row ? { ...row, storyId: null } : null;
  }
}
