/**
 * Yoto: a "Make Your Own" playlist ready to upload: one MP3 per chapter (one track each, so
 * the player's chapter number is the prompts' "chapter N"), a 16×16 icon per chapter made from
 * its first picture, and playlist.json (the planned playlist, icons and cover as files).
 * Yoto has no offline path: the upload itself goes through the Yoto client and its queue.
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { buildYotoPlaylist, type YotoPlaylist } from '../../../device-bridge/devices/yoto/yoto-playlist';
import { YotoError } from '../../../device-bridge/devices/yoto/yoto-error';
import type { ImageRef } from '../../../device-bridge/pack/story-graph';
import { TalemoError } from '../errors';
import type { BoxChapter } from './box-chapters';
import type { PackJob } from './pack-job';
import type { BuiltTarget } from './pack-targets';

export async function buildYotoTarget(job: PackJob, dir: string): Promise<BuiltTarget> {
  const { chapters, playlist, audio } = await yotoPlaylistForJob(job);
  const files: BuiltTarget['files'] = [];
  for (const track of audio) {
    await copyFile(track.path, join(dir, track.name));
    files.push({ path: track.name, durationSec: Math.round(track.durationSeconds * 1000) / 1000 });
  }
  await mkdir(join(dir, 'icons'));
  for (const icon of playlist.icons) {
    await writeFile(join(dir, 'icons', `${icon.id}.png`), icon.png);
    files.push({ path: `icons/${icon.id}.png`, durationSec: null });
  }
  const coverName = playlist.cover
    ? `cover.${playlist.cover.contentType === 'image/png' ? 'png' : 'jpg'}`
    : null;
  if (playlist.cover && coverName) {
    await writeFile(join(dir, coverName), playlist.cover.bytes);
    files.push({ path: coverName, durationSec: null });
  }
  const { icons, cover: _cover, ...plan } = playlist;
  const manifest = {
    ...plan,
    icons: icons.map((icon) => ({ id: icon.id, file: `icons/${icon.id}.png` })),
    cover: coverName,
  };
  await writeFile(join(dir, 'playlist.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  files.push({ path: 'playlist.json', durationSec: null });

  return {
    format: 'Yoto "Make Your Own" playlist (MP3 tracks + playlist.json)',
    files,
    chapters: chapters.map((chapter, i) => ({
      number: chapter.number,
      title: chapter.title,
      file: audio[i]!.name,
      startSec: null,
      durationSec: files[i]!.durationSec,
    })),
    details: { tracks: audio.length, icons: icons.length },
    notes: [
      'Yoto cards are filled online: upload this playlist with your Yoto account (the files wait here until then).',
    ],
  };
}

/** A Yoto track's file: its name in the playlist and where the MP3 is in the job's work folder. */
export interface YotoAudioFile {
  name: string;
  path: string;
  durationSeconds: number;
}

/**
 * The story as a Yoto playlist and the MP3s it names, shared by the pack folder (`talemo pack`)
 * and the upload queue (`talemo yoto send`) so both give Yoto the same playlist.
 */
export async function yotoPlaylistForJob(
  job: PackJob,
): Promise<{ chapters: BoxChapter[]; playlist: YotoPlaylist; audio: YotoAudioFile[] }> {
  const { chapters } = await job.chapters();
  const mp3s = await job.chapterMp3s();
  const audioNames = mp3s.map((_, i) => `${String(i + 1).padStart(2, '0')}.mp3`);
  const cover = job.story.graph.stages.find((stage) => stage.id === job.story.graph.coverId)?.image ?? null;
  let playlist: YotoPlaylist;
  try {
    playlist = buildYotoPlaylist({
      title: job.story.title,
      description: job.story.summary,
      language: job.story.language,
      chapters: await Promise.all(
        chapters.map(async (chapter, i) => ({
          title: chapter.title,
          audioFiles: [audioNames[i]!],
          ...(chapter.image ? { iconImage: await imageBytes(job, chapter.image) } : {}),
        })),
      ),
      ...(cover ? { coverImage: await imageBytes(job, cover) } : {}),
    });
  } catch (error) {
    if (error instanceof YotoError)
      throw new TalemoError(
        'invalid-input',
        `"${job.story.title}" cannot become a Yoto playlist: ${error.message}`,
      );
    throw error;
  }
  const audio = mp3s.map((mp3, i) => ({
    name: audioNames[i]!,
    path: mp3.path,
    durationSeconds: mp3.durationSeconds,
  }));
  return { chapters, playlist, audio };
}

function imageBytes(job: PackJob, image: ImageRef): Promise<Uint8Array> {
  return readFile(job.core.library.assets.path(image.hash));
}
