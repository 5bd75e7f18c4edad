/**
 * The story shapes the UI works with, taken from the contract (what the core really sends),
 * so the renderer needs no import from the core.
 */
import { listQuerySchema, type MethodInput, type MethodOutput } from '../../api/contract';

export type Story = MethodOutput<'stories.get'>['story'];
export type StorySummary = MethodOutput<'stories.list'>[number];
export type StoryChanges = MethodInput<'stories.update'>['changes'];
export type AgeRange = Story['ageRange'];

/** The age bands a story can be for, youngest first. */
export const AGE_RANGES: readonly AgeRange[] = listQuerySchema.shape.ageRange.unwrap().options;
