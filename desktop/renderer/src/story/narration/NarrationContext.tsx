/**
 * What the story page's narration parts share: where each page's sound came from (read again
 * for every saved version), the family's children and their recording consent, the Family
 * dialog, and how a new version of the story (after a reading or a recording) reaches the page.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

import type { ChildProfilePayload, MethodInput, MethodOutput } from '../../../../api/contract';
import { useClient } from '../../client-context';
import { errorMessage } from '../../error-message';
import type { Story } from '../../story-types';
import { FamilyDialog } from './FamilyDialog';

export type PageNarrationInfo = MethodOutput<'narration.get'>['nodes'][number];
export type VoiceSettings = MethodOutput<'narration.setVoice'>;

export interface NarrationShared {
  storyId: string;
  version: number;
  language: string;
  /** Where each page's sound came from; null while it loads or when it could not be read. */
  pages: ReadonlyMap<string, PageNarrationInfo> | null;
  /** The story's saved voice (the default one until a parent picks another). */
  voice: VoiceSettings | null;
  loadError: string | null;
  /** The family's children; null while loading. */
  profiles: ChildProfilePayload[] | null;
  /** Reads the children again: the core refused a recording the page thought allowed. */
  reloadProfiles: () => void;
  saveProfile: (profile: MethodInput<'profiles.save'>) => Promise<ChildProfilePayload>;
  openFamily: () => void;
  /** A reading or a recording saved a new version of the story. */
  onStory: (story: Story) => void;
  /** The story changed elsewhere since it was opened: the page offers to reload. */
  onConflict: () => void;
}

const NarrationContext = createContext<NarrationShared | null>(null);

export function useNarration(): NarrationShared {
  const shared = useContext(NarrationContext);
  if (!shared) throw new Error('useNarration outside of NarrationProvider');
  return shared;
}

type Loaded =
  | { key: string; voice: VoiceSettings | null; pages: Map<string, PageNarrationInfo> }
  | { key: string; error: string };

export function NarrationProvider({
  storyId,
  version,
  language,
  onStory,
  onConflict,
  children,
}: {
  storyId: string;
  version: number;
  language: string;
  onStory: (story: Story) => void;
  onConflict: () => void;
  children: ReactNode;
}) {
  const client = useClient();
  const key = `${storyId}@${version}`;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [profiles, setProfiles] = useState<ChildProfilePayload[] | null>(null);
  const [profileReads, setProfileReads] = useState(0);
  const [familyOpen, setFamilyOpen] = useState(false);

  useEffect(() => {
    let live = true;
    client.call('narration.get', { storyId }).then(
      ({ voice, nodes }) => {
        if (live) setLoaded({ key, voice, pages: new Map(nodes.map((node) => [node.nodeId, node])) });
      },
      (error: unknown) => {
        if (live) setLoaded({ key, error: errorMessage(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [client, storyId, key]);

  useEffect(() => {
    let live = true;
    client.call('profiles.list', {}).then(
      (result) => {
        if (live) setProfiles(result.profiles);
      },
      // Why quiet: without the list a parent can still record as a grown-up; the Family dialog says more.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, profileReads]);

  const saveProfile = useCallback(
    async (profile: MethodInput<'profiles.save'>): Promise<ChildProfilePayload> => {
      const saved = await client.call('profiles.save', profile);
      setProfiles((now) =>
        now?.some((child) => child.id === saved.id)
          ? now.map((child) => (child.id === saved.id ? saved : child))
          : [...(now ?? []), saved],
      );
      return saved;
    },
    [client],
  );

  // Why the last version's data stays while the next loads: the page labels would blink on every save.
  const shown = loaded && 'pages' in loaded ? loaded : null;
  const loadError = loaded && 'error' in loaded && loaded.key === key ? loaded.error : null;
  const shared = useMemo<NarrationShared>(
    () => ({
      storyId,
      version,
      language,
      pages: shown?.pages ?? null,
      voice: shown?.voice ?? null,
      loadError,
      profiles,
      reloadProfiles: () => setProfileReads((n) => n + 1),
      saveProfile,
      openFamily: () => setFamilyOpen(true),
      onStory,
      onConflict,
    }),
    [storyId, version, language, shown, loadError, profiles, saveProfile, onStory, onConflict],
  );

  return (
    <NarrationContext value={shared}>
      {children}
      {familyOpen ? <FamilyDialog onClose={() => setFamilyOpen(false)} /> : null}
    </NarrationContext>
  );
}
