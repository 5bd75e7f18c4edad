import type { TalemoClient } from '../../api/contract';
import { ClientContext } from './client-context';
import { LibraryView } from './library/LibraryView';
import { useRoute } from './route';
import { StoryView } from './story/StoryView';
import { strings } from './strings';

function NoToken() {
  return (
    <main className="page">
      <div className="notice notice-warn no-token" role="alert" data-testid="no-token-message">
        <h2>{strings.noToken.title}</h2>
        <p className="notice-title">{strings.noToken.body}</p>
        <p className="muted">{strings.noToken.hint}</p>
      </div>
    </main>
  );
}

function Shell() {
  const [route, go] = useRoute();
  return (
    <>
      <header className="topbar">
        <button type="button" className="brand" onClick={() => go({ page: 'library' })} data-testid="home">
          <span className="brand-mark" aria-hidden="true">
            ◐
          </span>
          <span className="brand-name">{strings.appName}</span>
          <span className="brand-tagline">{strings.appTagline}</span>
        </button>
      </header>
      <main className="page">
        {route.page === 'story' ? (
          <StoryView
            key={route.id}
            id={route.id}
            onBack={() => go({ page: 'library' })}
            onOpen={(id) => go({ page: 'story', id })}
          />
        ) : (
          <LibraryView onOpen={(id) => go({ page: 'story', id })} />
        )}
      </main>
    </>
  );
}

/** The app: the library and story pages, or a plain word when the page came without its key. */
export function App({ client }: { client: TalemoClient | null }) {
  if (!client) return <NoToken />;
  return (
    <ClientContext value={client}>
      <Shell />
    </ClientContext>
  );
}
