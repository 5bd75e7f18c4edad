/** A drop-down of the library's stories (read once), for the panels that take one story. */
import { strings } from '../../strings';
import { useLibraryStories } from '../use-library-stories';

export function StoryPicker(props: {
  label: string;
  value: string;
  onChange: (storyId: string) => void;
  testId: string;
  disabled?: boolean;
}) {
  const listed = useLibraryStories();
  return (
    <label className="field field-grow">
      <span>{props.label}</span>
      {listed !== null && 'error' in listed ? (
        <span className="notice notice-error" role="alert">
          {listed.error}
        </span>
      ) : (
        <select
          value={props.value}
          disabled={listed === null || props.disabled === true}
          data-testid={props.testId}
          onChange={(event) => props.onChange(event.currentTarget.value)}
        >
          <option value="">{listed === null ? strings.yoto.loadingStories : strings.yoto.pickStory}</option>
          {(listed?.stories ?? []).map((story) => (
            <option key={story.id} value={story.id}>
              {story.title}
            </option>
          ))}
        </select>
      )}
    </label>
  );
}
