import type { TalemoClient } from '../../api/contract';
import { AccountView } from './account/AccountView';
import { ClientContext } from './client-context';
import { CreateSessionProvider } from './create/CreateSession';
import { CreateView } from './create/CreateView';
import { BoxesButton } from './devices/BoxesButton';
import { DevicesView } from './devices/DevicesView';
import { LanguageSwitch } from './LanguageSwitch';
import { LibraryView } from './library/LibraryView';
import { ModelDownloadsProvider } from './models/ModelDownloads';
import { ModelsView } from './models/ModelsView';
import { PlayerView } from './player/PlayerView';
import { useRoute } from './route';
import { MAIN_ID, SkipLink } from './SkipLink';
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
  const toLibrary = (): void => go({ page: 'library' });
  const toModels = (): void => go({ page: 'models' });
  const toDevices = (): void => go({ page: 'devices' });
  const toAccount = (): void => go({ page: 'account' });
  const open = (id: string): void => go({ page: 'story', id });
  return (
    <>
      <SkipLink />
      <header className="topbar">
        <button type="button" className="brand" onClick={toLibrary} data-testid="home">
          <span className="brand-mark" aria-hidden="true">
            ◐
          </span>
          <span className="brand-name">{strings.appName}</span>
          <span className="brand-tagline">{strings.appTagline}</span>
        </button>
        <nav className="topbar-nav" aria-label={strings.devices.navLabel}>
          <BoxesButton
            onOpen={toDevices}
            testId="topbar-devices"
            className="topbar-link"
            current={route.page === 'devices'}
          />
          <button
            type="button"
            className={`topbar-link${route.page === 'account' ? ' is-current' : ''}`}
            data-testid="topbar-account"
            aria-label={strings.account.openLabel}
            aria-current={route.page === 'account' ? 'page' : undefined}
            onClick={toAccount}
          >
            <span aria-hidden="true">☁</span> {strings.account.open}
          </button>
        </nav>
        <LanguageSwitch />
      </header>
      <main className="page" id={MAIN_ID} tabIndex={-1}>
        {route.page === 'story' ? (
          <StoryView key={route.id} id={route.id} onBack={toLibrary} onOpen={open} />
        ) : route.page === 'play' ? (
          <PlayerView key={route.id} id={route.id} onBack={() => open(route.id)} />
        ) : route.page === 'create' ? (
          <CreateView onBack={toLibrary} onOpen={open} onModels={toModels} />
        ) : route.page === 'models' ? (
          <ModelsView onBack={toLibrary} />
        ) : route.page === 'devices' ? (
          <DevicesView onBack={toLibrary} />
        ) : route.page === 'account' ? (
          <AccountView onBack={toLibrary} />
        ) : (
          <>
            <div className="library-boxes">
              <BoxesButton onOpen={toDevices} testId="open-devices" className="button" />
            </div>
            <LibraryView onOpen={open} onCreate={() => go({ page: 'create' })} onModels={toModels} />
          </>
        )}
      </main>
    </>
  );
}

/** The app: the library, story, create, models, boxes and family cloud pages, or a plain word when the page came without its key. */
export function App({ client }: { client: TalemoClient | null }) {
  if (!client) return <NoToken />;
  return (
    <ClientContext value={client}>
      {/* Why above the pages: a draft being written and a model downloading go on while the parent looks elsewhere. */}
      <CreateSessionProvider>
        <ModelDownloadsProvider>
          <Shell />
        </ModelDownloadsProvider>
      </CreateSessionProvider>
    </ClientContext>
  );
}
