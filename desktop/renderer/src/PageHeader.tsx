/**
 * The top of a page reached from the library (Create, AI models): the way back, the title
 * (focused on arrival, so keyboard and screen-reader users land on it) and a short intro.
 */
import { strings } from './strings';
import { useFocusOnMount } from './use-focus-on-mount';

export function PageHeader({
  titleId,
  title,
  intro,
  onBack,
}: {
  titleId: string;
  title: string;
  intro: string;
  onBack: () => void;
}) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <>
      <div className="story-bar">
        <button type="button" className="button button-quiet" data-testid="back-to-library" onClick={onBack}>
          {strings.story.back}
        </button>
      </div>
      <h2 id={titleId} ref={heading} tabIndex={-1}>
        {title}
      </h2>
      <p className="muted intro">{intro}</p>
    </>
  );
}
