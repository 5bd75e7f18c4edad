/**
 * Every word the UI shows, in one place, so a French (or any) translation is one more
 * object of the same shape. Components read `strings` and never hold text of their own.
 */
export const en = {
  locale: 'en',
  appName: 'Talemo',
  appTagline: 'Stories for the little ones’ audio boxes',

  noToken: {
    title: 'Talemo needs its key',
    body: 'Open the address printed in the terminal (it carries a one-time key).',
    hint: 'The address looks like http://127.0.0.1:PORT/#token=… — copy all of it into this browser.',
  },
  transportHint:
    'If Talemo was restarted, open the new address printed in the terminal (it carries a one-time key).',

  library: {
    title: 'Your stories',
    searchLabel: 'Search your stories',
    searchPlaceholder: 'Search by word, name or theme…',
    filtersLabel: 'Filters',
    language: 'Language',
    anyLanguage: 'Any language',
    age: 'Age',
    anyAge: 'Any age',
    tag: 'Theme',
    anyTag: 'Any theme',
    maxDuration: 'Length',
    anyDuration: 'Any length',
    upToMinutes: (minutes: number) => `Up to ${minutes} min`,
    clearFilters: 'Clear search and filters',
    indexing: 'Preparing search by meaning (keyword search already works)',
    loading: 'Loading your stories…',
    count: (shown: number) => (shown === 1 ? '1 story' : `${shown} stories`),
    emptyTitle: 'Your library is empty',
    emptyBody: 'Import a STUdio pack (.zip) to add your first story.',
    noResultsTitle: 'No story matches',
    noResultsBody: 'Try another word, or clear the filters.',
    openStory: (title: string) => `Open “${title}”`,
    noCover: 'No picture',
    createButton: 'Create a story',
    modelsButton: 'AI models',
    actionsLabel: 'Add stories',
  },

  importer: {
    button: 'Import a STUdio pack (.zip)',
    working: (fileName: string) => `Importing ${fileName}…`,
    phase: (phase: string) => (phase === 'reading' ? 'Reading the pack' : phase),
    done: (title: string) => `“${title}” was added to your library.`,
    duplicate: (title: string) => `It looks like “${title}”, which you already have; both are kept.`,
    open: 'Open it',
    failed: (fileName: string) => `Could not import ${fileName}.`,
    cancel: 'Stop',
    cancelled: (fileName: string) => `Import of ${fileName} stopped: nothing was added.`,
    dismiss: 'Dismiss',
  },

  story: {
    back: '← All stories',
    loading: 'Opening the story…',
    notFound: 'This story is no longer in your library.',
    details: 'About this story',
    title: 'Title',
    summary: 'Summary',
    language: 'Language',
    age: 'Age',
    tags: 'Themes',
    tagsHint: 'Separate themes with commas.',
    saveDetails: 'Save details',
    saving: 'Saving…',
    saved: 'Saved.',
    nodesTitle: 'The story, step by step',
    nodesHint: 'From the cover, in the order a child hears it. Choices show every path.',
    unreachableTitle: 'Not reached from the cover',
    unreachableHint: 'A child can never hear these parts: no path leads to them.',
    text: 'Words',
    saveText: 'Save text',
    listen: '▶ Listen',
    loadingAudio: 'Loading sound…',
    pictureOf: (name: string) => `Picture for “${name}”`,
    end: 'The end',
    next: (name: string) => `Then: ${name}`,
    choiceTitle: (name: string) => `Choice${name ? `: ${name}` : ''}`,
    choiceHint: 'The child turns the wheel to pick one:',
    choiceMissing: (id: string) => `(missing part ${id})`,
    issuesTitle: 'Needs attention',
    generalIssuesTitle: 'Problems with this story',
    noIssues: 'No problems found: this story can go on a box.',
    conflict:
      'This story was changed somewhere else (another window, the command line or a sync) since you opened it. Your change was not saved.',
    conflictAction: 'Reload the latest version, then make your change again.',
    reload: 'Reload',
    exportButton: 'Export as STUdio pack (.zip)',
    exporting: 'Preparing the pack…',
    exported: (fileName: string) => `Saved as ${fileName} in your downloads.`,
    deleteButton: 'Delete this story',
    deleteQuestion: (title: string) => `Delete “${title}” for good? This cannot be undone.`,
    deleteConfirm: 'Yes, delete it',
    deleteCancel: 'Keep it',
    deleting: 'Deleting…',
    unsaved: 'Not saved yet',
    aiNote: (model: string) =>
      `Written with AI on this computer${model ? ` (${model})` : ''}. Read it through before a child hears it.`,
    kind: {
      cover: 'Cover',
      stage: 'Step',
      story: 'Story',
      'menu.questionstage': 'Question',
      'menu.optionstage': 'Option',
    } as Record<string, string>,
  },

  similar: {
    title: (count: number) =>
      count === 1
        ? 'This story looks like another one you have'
        : `This story looks like ${count} others you have`,
    hint: 'Both are kept. Check before putting them on the same box.',
    score: (score: number) => `${Math.round(score * 100)}% alike`,
    thisStory: (text: string) => `Here: “${text}”`,
    thatStory: (text: string) => `There: “${text}”`,
    notDuplicate: 'Not a duplicate',
    reasonLabel: 'Why? ',
    reasonPlaceholder: 'e.g. a retelling for the older class',
    confirm: 'Confirm',
    saving: 'Saving…',
    cancel: 'Cancel',
    failed: (message: string) => `Could not check for similar stories: ${message}`,
  },

  create: {
    title: 'Create a story',
    intro:
      'Talemo’s helper writes a first draft on this computer: nothing you type leaves the house. You read it, then keep it or try again.',
    tabsLabel: 'How to start',
    tabs: {
      prompt: 'Describe it',
      fabrique: 'Fabrique',
      chat: 'Talk it through',
    },
    promptLabel: 'What should the story be about?',
    promptPlaceholder:
      'e.g. A little fox who is afraid of the dark finds a firefly friend, and they light up the forest together.',
    optionsTitle: 'For whom, and how',
    language: 'Language',
    age: 'Age',
    length: 'Length',
    lengths: {
      short: 'Short',
      medium: 'Medium',
      long: 'Long',
    } as Record<string, string>,
    choices: 'Choices for the child',
    choicePoints: {
      0: 'None: one straight story',
      1: 'One choice',
      2: 'Two levels of choices',
    } as Record<number, string>,
    tone: 'Tone (optional)',
    tonePlaceholder: 'e.g. funny, gentle, a little magical',
    write: 'Write it',
    needPrompt: 'Say in a few words what the story should be about.',
    needPicks: 'Pick a hero, a place, a companion and a theme (or write your own).',
  },

  fabrique: {
    hint: 'Pick one of each, or write your own idea under “Other…”.',
    legends: {
      hero: 'Who is the hero?',
      place: 'Where does it happen?',
      object: 'What do they have with them?',
      theme: 'What is it about?',
    },
    other: 'Other…',
    otherLabel: (legend: string) => `${legend} Other idea`,
    otherPlaceholder: 'Your own idea',
    // Why these words: they are the same in French and English, so the picks read right whichever language the story is in.
    choices: {
      hero: [
        { emoji: '🐉', word: 'dragon' },
        { emoji: '🤖', word: 'robot' },
        { emoji: '🏴‍☠️', word: 'pirate' },
        { emoji: '🐼', word: 'panda' },
        { emoji: '🦁', word: 'lion' },
        { emoji: '🐨', word: 'koala' },
      ],
      place: [
        { emoji: '🌴', word: 'jungle' },
        { emoji: '🏡', word: 'village' },
        { emoji: '🧊', word: 'igloo' },
        { emoji: '🦒', word: 'zoo' },
        { emoji: '🚂', word: 'train' },
        { emoji: '🪐', word: 'Mars' },
      ],
      object: [
        { emoji: '🐹', word: 'hamster' },
        { emoji: '🎹', word: 'piano' },
        { emoji: '🪃', word: 'boomerang' },
        { emoji: '🪂', word: 'parachute' },
        { emoji: '📻', word: 'radio' },
        { emoji: '🪀', word: 'yo-yo' },
      ],
      theme: [
        { emoji: '💪', word: 'courage' },
        { emoji: '🐢', word: 'patience' },
        { emoji: '💭', word: 'imagination' },
        { emoji: '🤝', word: 'respect' },
        { emoji: '🎁', word: 'surprise' },
        { emoji: '😄', word: 'humour' },
      ],
    },
    problem: 'What goes wrong? (optional)',
    problemPlaceholder: 'e.g. the radio stops working on the night of the big show',
    lesson: 'What does the story teach? (optional)',
    lessonPlaceholder: 'e.g. asking for help is brave too',
    filledFromChat: 'Filled in from your talk. Change anything you like, then press “Write it”.',
  },

  chat: {
    intro:
      'Not sure yet? Talk it through with the helper: it asks one question at a time. When you like the idea, press “Use this”.',
    messagesLabel: 'Your conversation',
    empty: 'Say hello, or tell the helper what your child loves.',
    you: 'You',
    helper: 'Helper',
    thinking: '…',
    messageLabel: 'Your message',
    messagePlaceholder: 'e.g. My daughter loves pandas and trains',
    send: 'Send',
    replying: 'The helper is answering…',
    reading: 'Turning your talk into a story plan…',
    stop: 'Stop',
    stopping: 'Stopping…',
    stopped: 'Stopped.',
    use: 'Use this',
    useHint: 'Fills in the Fabrique from your talk.',
    restart: 'Start over',
    tooLong: 'This conversation is long: only its latest messages are sent.',
    failed: 'The helper could not answer.',
  },

  draft: {
    starting: 'Waking up the story model…',
    writing: (paragraphs: number) =>
      paragraphs === 0
        ? 'Writing…'
        : `Writing… ${paragraphs === 1 ? '1 paragraph' : `${paragraphs} paragraphs`} so far`,
    previewLabel: 'The draft, as it is written',
    titlePending: 'Finding a title…',
    stop: 'Stop',
    stopping: 'Stopping…',
    stopped: 'Stopped. Nothing was saved.',
    again: 'Write it again',
    dismiss: 'Dismiss',
    failed: 'The draft could not be written.',
    retry: 'Try again',
    complete: '✓ Complete: the helper finished the story.',
    truncated:
      'The draft was cut at the length limit, so its ending may be missing. Keep it and finish it yourself, or try again.',
    checkTitle: 'Checked for a child',
    checkOk: '✓ Nothing to worry about.',
    checkFlagged:
      'A few things to look at before a child hears this. If you keep it, it cannot go on a box until you approve it on the story page.',
    similarTitle: 'It looks like stories you already have',
    similarHint: 'Your draft stays here while you look.',
    keep: 'Keep it',
    keeping: 'Keeping…',
    keepHint: 'Nothing is saved until you keep it. You can change every word afterwards.',
    retryHint: 'Try again writes a new draft from the same request.',
  },

  noModel: {
    title: 'No story-writing model is installed yet',
    body: 'Talemo writes on this computer, so it needs a model first. It is downloaded once (about 1 GB) and works without the internet afterwards.',
    unusable: 'The story-writing model could not be used.',
    action: 'Go to the AI models',
  },

  moderation: {
    flaggedTitle: 'This story needs a parent’s look before it goes on a box',
    flaggedBody: (age: string) =>
      `Talemo found words or details that may not suit a child aged ${age}. It cannot go on a box until a parent approves it. You can also change the words below; the story is checked again after each save.`,
    approvedOn: (date: string, reason: string) => `Approved by a parent on ${date}: ${reason}`,
    approve: 'Approve for our family',
    reasonLabel: 'Why is it fine for your child? ',
    reasonPlaceholder: 'e.g. it is our own phone number, the story stays at home',
    confirm: 'Approve',
    saving: 'Saving…',
    cancel: 'Cancel',
    failed: (message: string) => `Could not check this story: ${message}`,
    findingsLabel: 'What was found',
    show: 'Show it in the story ↓',
    inTitle: 'in the title',
    inSummary: 'in the summary',
    omitted: (count: number) => (count === 1 ? '…and 1 more like these.' : `…and ${count} more like these.`),
    severity: {
      mild: 'Mild',
      moderate: 'Worth a look',
      severe: 'Serious',
    } as Record<string, string>,
    categories: {
      violence: 'Violence',
      sexual: 'Sexual content',
      'self-harm': 'Self-harm',
      hate: 'Hateful words',
      'drugs-alcohol': 'Drugs or alcohol',
      scary: 'Scary',
      profanity: 'Swear words',
      'personal-data': 'Personal details (a name, an address, a phone number…)',
    } as Record<string, string>,
  },

  models: {
    title: 'AI models',
    intro:
      'The helpers Talemo uses run on this computer: nothing you write leaves the house. Each model is downloaded once.',
    loading: 'Looking at this computer…',
    hardware: (memory: string, cores: number, gpu: string | null) =>
      `This computer: ${memory} of memory, ${cores} processor cores${gpu ? `, graphics: ${gpu}` : ''}.`,
    recommendedTitle: (name: string) => `Recommended for this computer: ${name}`,
    draftingWith: (file: string, source: 'environment' | 'installed') =>
      source === 'installed'
        ? `Stories are written with ${file}, the best model installed here.`
        : `Stories are written with ${file}, chosen by the TALEMO_LLM_MODEL setting.`,
    draftingNone: 'No story-writing model is installed yet: install one below to draft stories.',
    noRecommendation: 'No story-writing model suits this computer well',
    kinds: {
      llm: { title: 'Writing stories', hint: 'Drafts stories and talks ideas through with you.' },
      embedding: { title: 'Search', hint: 'Finds stories by meaning, and spots stories that look alike.' },
      tts: { title: 'Voices', hint: 'Reads stories aloud for the box.' },
      stt: { title: 'Speech to text', hint: 'Turns voice memos into written words.' },
    } as Record<string, { title: string; hint: string }>,
    recommended: 'Recommended',
    installed: 'Installed',
    languages: 'Languages',
    licence: 'Licence',
    download: 'Download',
    unknownSize: 'size unknown',
    memory: 'Memory needed',
    onDisk: 'On disk',
    install: 'Install',
    installLabel: (name: string) => `Install ${name}`,
    downloading: (done: string, total: string | null) =>
      total ? `Downloading: ${done} of ${total}` : `Downloading: ${done}`,
    stop: 'Stop',
    stopping: 'Stopping…',
    resume: (done: string) => `${done} downloaded — Resume`,
    remove: 'Remove',
    removeLabel: (name: string) => `Remove ${name}`,
    removeQuestion: (name: string, size: string) =>
      `Remove ${name}? It frees ${size}. You can install it again later.`,
    removeConfirm: 'Yes, remove it',
    removeCancel: 'Keep it',
    removing: 'Removing…',
    failed: (name: string) => `Could not download ${name}.`,
    dismiss: 'Dismiss',
  },

  badges: {
    ai: '✨ Written with AI',
    age: (range: string) => `${range.replace('-', '–')} yrs`,
    duration: (seconds: number) =>
      seconds <= 0 ? 'Length unknown' : seconds < 60 ? 'Under 1 min' : `${Math.round(seconds / 60)} min`,
  },

  errors: {
    unknown: 'Something went wrong. Please try again.',
  },
};

export type Strings = typeof en;

export const strings: Strings = en;
