/**
 * The Create page's work in progress, held above the pages: the form, the conversation and the
 * draft (even one still being written) survive a look at a similar story or at the models
 * page, and are there again on coming back.
 */
import { createContext, useContext, useState, type ReactNode } from 'react';

import { useClient } from '../client-context';
import { EMPTY_FORM, formFromChat, type CreateForm, type CreateTab } from './create-form';
import { useCompanionChat, type CompanionChat } from './use-companion-chat';
import { useDraftJob, type DraftJob } from './use-draft-job';

export interface CreateSession {
  form: CreateForm;
  setForm: (change: (form: CreateForm) => CreateForm) => void;
  tab: CreateTab;
  setTab: (tab: CreateTab) => void;
  /** The Fabrique was just filled in from the conversation (until the parent moves on). */
  filledFromChat: boolean;
  draft: DraftJob;
  chat: CompanionChat;
}

const CreateSessionContext = createContext<CreateSession | null>(null);

export function CreateSessionProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const [form, setForm] = useState<CreateForm>(EMPTY_FORM);
  const [tab, setTab] = useState<CreateTab>('prompt');
  const [filledFromChat, setFilledFromChat] = useState(false);
  const draft = useDraftJob(client);
  const chat = useCompanionChat(client, (settled) => {
    setForm((now) => formFromChat(now, settled));
    setTab('fabrique');
    setFilledFromChat(true);
  });

  const session: CreateSession = {
    form,
    setForm,
    tab,
    setTab: (next) => {
      setTab(next);
      setFilledFromChat(false);
    },
    filledFromChat,
    draft,
    chat,
  };
  return <CreateSessionContext value={session}>{children}</CreateSessionContext>;
}

export function useCreateSession(): CreateSession {
  const session = useContext(CreateSessionContext);
  if (!session) throw new Error('useCreateSession outside of CreateSessionProvider');
  return session;
}
