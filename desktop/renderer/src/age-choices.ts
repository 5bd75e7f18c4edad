/** The age bands as drop-down choices, youngest first. */
import { strings } from './strings';
import { AGE_RANGES } from './story-types';

export const AGE_CHOICES = AGE_RANGES.map((range) => ({ value: range, label: strings.badges.age(range) }));
