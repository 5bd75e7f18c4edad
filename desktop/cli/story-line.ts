/** One story as one line of terminal output: id, language, age, playing time, title. */
import type { StorySummary } from '../core/story/story';

export function formatStoryLine(story: StorySummary): string {
  const minutes = Math.max(1, Math.round(story.durationSec / 60));
  return `${story.id}  ${story.language}  ${story.ageRange.padEnd(5)}  ${String(minutes).padStart(3)} min  ${story.title}`;
}
