/**
 * Every word the UI shows, in one place: English here, French in strings-fr.ts (same shape,
 * checked by the compiler). Components read `strings` and never hold text of their own.
 *
 * `strings` is chosen once, when the page loads (see locale.ts): many modules keep
 * `const t = strings.x` and format.ts builds its Intl formatters at load, so switching
 * language saves the choice and reloads the page (the route and the key survive a reload).
 * Counts go through `plural` so each language's own plural rule applies.
 */
import type { ErrorFacts } from './error-facts';
import { FABRIQUE_CHOICES } from './fabrique-words';
import { markDocumentLanguage, startLanguage, type Language } from './locale';
import { formatNumber, formatShare, plural } from './number-words';
import { fr } from './strings-fr';

export const en = {
  locale: 'en' as Language,
  appName: 'Talemo',
  appTagline: 'Stories for the little ones’ audio boxes',

  languageSwitch: {
    label: 'Language of Talemo',
    // Why each language in its own words: someone who cannot read the current one still finds theirs.
    short: { fr: 'FR', en: 'EN' },
    names: { fr: 'Français', en: 'English' },
  },
  /** A whole percent beside a progress bar. */
  percent: (percent: number) => formatShare('en', percent / 100),

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
    count: (shown: number) => plural('en', shown, { one: '# story', other: '# stories' }),
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
    waveform: (name: string) => `Sound of ${name}: click or use the arrow keys to move in it`,
    position: (at: string, total: string) => `${at} of ${total}`,
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
      plural('en', count, {
        one: 'This story looks like another one you have',
        other: 'This story looks like # others you have',
      }),
    hint: 'Both are kept. Check before putting them on the same box.',
    score: (score: number) => `${formatShare('en', score)} alike`,
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
    // Why shared with French: the picks are words both languages spell alike (see fabrique-words.ts).
    choices: FABRIQUE_CHOICES,
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
        : `Writing… ${plural('en', paragraphs, { one: '# paragraph', other: '# paragraphs' })} so far`,
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
    omitted: (count: number) =>
      plural('en', count, { one: '…and # more like these.', other: '…and # more like these.' }),
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
      `This computer: ${memory} of memory, ${plural('en', cores, { one: '# processor core', other: '# processor cores' })}${gpu ? `, graphics: ${gpu}` : ''}.`,
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

  narration: {
    title: 'Narration',
    intro:
      'Talemo reads each page aloud with a voice on this computer, or you record it yourself. Only pages whose words or voice changed are read again.',
    voice: 'Voice',
    chooseVoice: 'Choose a voice…',
    voicesLoading: 'Finding the voices…',
    noVoices:
      'No voice can read stories on this computer yet. Install espeak-ng (Linux: apt install espeak-ng), or a voice from the AI models page.',
    rate: 'Speed',
    rateValue: (rate: number) => `${formatNumber('en', rate, 1)}× normal speed`,
    pitch: 'Pitch',
    pitchValue: (pitch: number) =>
      pitch === 1
        ? 'normal pitch'
        : pitch < 1
          ? `lower (${formatNumber('en', pitch, 2)})`
          : `higher (${formatNumber('en', pitch, 2)})`,
    noPitch: 'this voice keeps its own pitch',
    saving: 'Saving the voice…',
    saved: '✓ Voice saved for this story.',
    replaceRecordings: 'Also replace recorded and imported sounds',
    replaceRecordingsHint: 'Left off, a voice recorded by your family is never replaced.',
    read: 'Read the story aloud',
    starting: 'Getting the voice ready…',
    reading: (page: number, total: number) =>
      `Reading page ${formatNumber('en', page)} of ${formatNumber('en', total)}`,
    finishing: 'Putting the sounds in place…',
    stop: 'Stop',
    stopping: 'Stopping…',
    stopped: 'Stopped. The story was not changed; the pages read so far are kept for next time.',
    failed: 'The story could not be read aloud.',
    done: 'Done:',
    pages: (count: number) => plural('en', count, { one: '# page', other: '# pages' }),
    outcomes: {
      synthesised: 'read aloud',
      reused: 'reused from an earlier reading',
      unchanged: 'unchanged',
      kept: 'kept with their recorded or imported sound',
      silent: 'without words',
    } as Record<string, string>,
    keptHint: 'To read those pages with the voice too, tick “Also replace recorded and imported sounds”.',
    dismiss: 'Dismiss',
    family: 'Family and recording consent…',
    loadFailed: (message: string) => `Could not read how this story is narrated: ${message}`,
  },

  pageNarration: {
    label: (name: string) => `Narration of “${name}”`,
    origin: {
      tts: 'Read by the computer voice',
      placeholder: 'A placeholder chime until the story is read aloud',
      adult: 'Recorded by a grown-up',
      child: 'Recorded by a child',
      import: 'Imported from a file',
      pack: 'Came with the story',
      sound: 'Has a sound',
      none: 'No narration yet',
    },
    tools: 'Record or import…',
    closeTools: 'Hide these tools',
    speaker: 'Who is speaking?',
    adult: 'A grown-up',
    childOption: (name: string, consent: boolean) => (consent ? name : `${name} (no recording consent)`),
    blocked: (name: string) =>
      `${name}’s voice cannot be recorded yet: a parent first turns on the recording consent for ${name}.`,
    blockedWhere: 'Turn it on in Family and recording consent.',
    openFamily: 'Open Family and recording consent',
    noChildren: 'To record a child, add them in Family and recording consent.',
    record: '● Record',
    asking: 'Asking for the microphone…',
    recording: (time: string) => `Recording… ${time}`,
    stop: '■ Stop',
    level: 'Microphone level',
    levelValue: (percent: number, word: string) => `${formatShare('en', percent / 100)} — ${word}`,
    levelWords: {
      silent: 'nothing heard',
      quiet: 'a little quiet',
      good: 'good',
      loud: 'too loud',
    } as Record<string, string>,
    listenBack: 'Listen back',
    retake: 'Re-take',
    use: 'Use this recording',
    discard: 'Discard',
    import: 'Import a file…',
    importLabel: (name: string) => `Import a sound file for “${name}”`,
    sending: 'Preparing the sound for the box…',
    cancel: 'Stop',
    cancelled: 'Stopped: the page keeps its sound.',
    saved: '✓ This page now uses your sound.',
    noMicrophone:
      'No microphone could be used. Check that one is plugged in and that Talemo may use it, then try again.',
    noRecorder: 'This browser cannot record sound. Import a file instead.',
    failed: 'The sound could not be used.',
  },

  family: {
    title: 'Family and recording consent',
    intro:
      'The children who may speak in your stories. A child’s voice is recorded only if you allow it here.',
    loading: 'Reading your family…',
    empty: 'No child added yet.',
    consent: (name: string) =>
      `Let Talemo keep recordings of ${name}’s voice on this computer. Recordings never leave it unless you also allow cloud sync.`,
    consentOn: (date: string) => `Allowed since ${date}.`,
    consentOff: 'Not allowed.',
    cloudConsent: (name: string) =>
      `Let ${name}’s recordings go to your family’s cloud with the stories (only when you sync, and only with the consent above).`,
    cloudConsentOn: 'Allowed.',
    cloudConsentOff: 'Not allowed: their recordings stay on this computer.',
    addTitle: 'Add a child',
    name: 'First name',
    namePlaceholder: 'e.g. Zoé',
    add: 'Add',
    adding: 'Adding…',
    saving: 'Saving…',
    close: 'Close',
    failed: (message: string) => `Could not save: ${message}`,
  },

  account: {
    open: 'Family cloud',
    openLabel: 'Family cloud: sign in and sync your stories',
    title: 'Family cloud',
    intro: 'Keep your stories in step on every computer of your family or school.',
    loading: 'Reading your account…',
    whatTitle: 'What the cloud does',
    what: 'Once you sign in, your stories go to your family’s server and come back on every computer signed in to the same family. Changes made without a connection wait here and leave when the server can be reached.',
    optional:
      'The cloud is optional: writing, narrating and putting stories on boxes all work without it, on this computer alone.',
    serverUrl: 'Server address',
    serverPlaceholder: 'https://cloud.example.org',
    email: 'Email',
    password: 'Password',
    signInTitle: 'Sign in',
    signInIntro: 'Already have an account? Sign in with it here.',
    signIn: 'Sign in',
    signingIn: 'Signing in…',
    signUpTitle: 'Create an account',
    signUpIntro: 'A new account starts a new family or school on the server; others join it later.',
    newPassword: 'Password (at least 12 characters)',
    kind: 'The account is for',
    kindFamily: 'A family',
    kindSchool: 'A school or class',
    kindInvited: 'I was invited: join a family or school with my code',
    invitationCode: 'Invitation code',
    invitationHint: 'The code the person who invited you passed on (it works once).',
    groupName: 'Name of the family or school',
    groupPlaceholder: 'e.g. The Martins',
    signUp: 'Create the account',
    signingUp: 'Creating the account…',
    passwordTooShort: (min: number) => `The password needs at least ${formatNumber('en', min)} characters.`,
    /** What to do next after the core refused, by its error code. */
    nextStep: {
      unauthorized: 'Check the email and password, then try again.',
      invalidInput: 'Check the server address and each field, then try again.',
      other: 'Try again in a moment; if it keeps failing, check the server address.',
    },
    signedInTitle: 'Signed in',
    who: 'Signed in as',
    group: 'Family or school',
    server: 'Server',
    statusTitle: 'Sync',
    syncing: 'Syncing now…',
    upToDate: 'Everything is up to date.',
    syncedAt: (time: string) => `Last synced at ${time}.`,
    neverSynced: 'Not synced yet.',
    queued: (count: number) =>
      plural('en', count, { one: '# change waiting to be sent.', other: '# changes waiting to be sent.' }),
    offline: 'Offline: your changes will be sent when the server is back.',
    error: (message: string) => `Sync stopped: ${message}`,
    errorHint: 'Press Sync now to try again. If it says your sign-in expired, sign in again.',
    signedOutNow: 'You are signed out.',
    syncNow: 'Sync now',
    syncingNow: 'Syncing…',
    signOut: 'Sign out',
    signingOut: 'Signing out…',
    signOutHint:
      'Signing out keeps every story on this computer; changes made meanwhile go after you sign in again.',
    privacyTitle: 'Your children’s voices',
    privacy:
      'A child’s recordings leave this computer only when you gave both consents for that child: to record their voice, and to send their recordings to the cloud.',
    privacyHow: (button: string) =>
      `To change them, open a story, go to its Narration part and press “${button}”.`,
    privacyNone: 'No child added yet, so no child’s voice is recorded or sent.',
    childCloud: (name: string) => `${name}: recordings may go to the cloud.`,
    childLocal: (name: string) => `${name}: recordings stay on this computer.`,
    childNotRecorded: (name: string) => `${name}: not recorded.`,
    childrenFailed: (message: string) => `The children could not be read: ${message}`,
  },

  devices: {
    open: 'Boxes',
    openLabel: 'Boxes: see what is on your audio boxes and put stories on them',
    navLabel: 'Pages',
    title: 'Your boxes',
    intro:
      'Plug a box into this computer with its cable and switch it on: it shows up here by itself. Pick it to see its stories and put new ones on it.',
    looking: 'Looking for boxes…',
    none: 'No box found yet. Plug one in with its USB cable and switch it on, or use a folder below.',
    listLabel: 'Boxes found',
    listFailed: 'Could not look for boxes:',
    brands: { lunii: 'Lunii' } as Record<string, string>,
    boxName: (brand: string, family: string) => `${brand} ${family}`,
    firmware: (version: string) => `Firmware ${version}`,
    serial: (serial: string) => `Serial number ${serial}`,
    space: (free: string, total: string) => `${free} free of ${total}`,
    spaceLabel: 'Space used on the box',
    packCount: (count: number) =>
      count === 0
        ? 'No story pack yet'
        : plural('en', count, { one: '# story pack', other: '# story packs' }),
    unusable: 'Cannot be used:',
    openBox: (name: string) => `Show what is on the ${name}`,
    shown: 'Shown below',
    dropHere: 'Drop the story here to put it on this box',

    folderTitle: 'Use a folder as a box',
    folderHint:
      'For a box’s memory card in a card reader, or a copy of a box on this computer: type the folder that holds the box’s files.',
    folderLabel: 'Folder of the box',
    folderPlaceholder: 'e.g. /media/me/LUNII or E:\\',
    folderAdd: 'Use this folder',
    folderChecking: 'Checking the folder…',
    folderFailed: (path: string) => `The folder ${path} cannot be used as a box.`,
    folderFailedHint:
      'Check the folder is the top of the box’s memory (it holds the box’s hidden .md file), then try again.',
    foldersLabel: 'Folders used as boxes',
    folderForget: 'Forget',
    folderForgetLabel: (path: string) => `Forget the folder ${path}`,

    loadingBox: 'Reading the box…',
    boxFailed: 'Could not read this box:',
    retry: 'Try again',
    gone: 'This box is no longer here (unplugged?). Plug it back in: Talemo finds it again by itself.',
    readOnly: 'This box is read-only right now: nothing can be changed on it.',
    warningsTitle: 'Good to know',
    boxWarning: {
      'wifi-sync':
        'Keep this box off Wi-Fi: a Wi-Fi sync with Lunii can delete packs that did not come from the Luniistore.',
      'firmware-update':
        'Before a firmware update, export your own packs: updates have changed the format before, and Talemo keeps a copy of this box’s key file for that case.',
      'read-only':
        'This box is read-only right now: nothing can be installed until it is mounted for writing.',
    },
    dismissRepairs: 'Got it',
    repairedTitle: 'Talemo tidied up after an interrupted transfer:',
    repaired: {
      'journal-damaged': () =>
        'A damaged note Talemo keeps on the box was removed; the box itself was checked.',
      'install-finished': (pack: string) =>
        `Finished putting ${pack} on the box: its copy was complete and checked.`,
      'install-undone': (pack: string) =>
        `${pack} had not finished copying: the partial copy was removed. Put it on the box again.`,
      'remove-finished': (pack: string) => `Finished removing ${pack}.`,
      'hide-finished': (pack: string) => `Finished hiding ${pack}.`,
      'show-finished': (pack: string) => `Finished showing ${pack} again.`,
      'copy-removed': () => 'An unfinished copy by Talemo was removed.',
      'temp-removed': () => 'A temporary file Talemo had left was removed.',
      'pack-list-damaged': () =>
        'The box’s list of packs was damaged at its end: its complete entries were kept.',
      'pack-listed-twice': (pack: string) => `${pack} was listed twice on the box: kept once.`,
      'pack-dropped': (pack: string) =>
        `${pack} was listed on the box but its files were missing: taken off the list.`,
    },
    packsTitle: 'On the box, in the order the child hears them',
    packsLabel: 'Story packs on the box',
    noPacks: 'No story on this box yet.',
    unknownPack: (folderName: string) => `Unknown pack ${folderName}`,
    place: (position: number) => `No. ${position}`,
    hiddenBadge: 'Hidden',
    nightBadge: 'Night mode',
    missingBadge: 'Missing',
    missingHint: 'The box lists this pack but its files are gone: remove it from the list.',
    moveUp: '↑ Up',
    moveUpLabel: (title: string) => `Move “${title}” up`,
    moveDown: '↓ Down',
    moveDownLabel: (title: string) => `Move “${title}” down`,
    hide: 'Hide',
    hideLabel: (title: string) => `Hide “${title}” from the box’s list`,
    show: 'Show',
    showLabel: (title: string) => `Show “${title}” in the box’s list again`,
    nightMode: 'Night mode',
    nightModeLabel: (title: string) => `Night mode for “${title}”`,
    exportPack: 'Export (.zip)',
    exportLabel: (title: string) => `Export “${title}” as a STUdio pack`,
    exporting: (title: string) => `Copying “${title}” off the box…`,
    exported: (fileName: string) => `Saved as ${fileName} in your downloads.`,
    exportStopped: 'Export stopped: nothing was saved.',
    exportFailed: 'The pack could not be exported.',
    remove: 'Remove',
    removeLabel: (title: string) => `Remove “${title}” from the box`,
    removeQuestion: (title: string) =>
      `Remove “${title}” from the box? A story from your library stays in your library.`,
    removeConfirm: 'Yes, remove it',
    removeCancel: 'Keep it',
    saving: 'Saving on the box…',
    changeFailed: 'The box was not changed:',

    installTitle: 'Put stories on the box',
    installHint: 'Tick the stories, then press “Put on the box”. You can also drag a story onto a box above.',
    storiesLabel: 'Stories in your library',
    storiesLoading: 'Loading your stories…',
    storiesEmpty: 'Your library has no story yet.',
    storiesFailed: 'Could not list your stories:',
    install: 'Put on the box',
    installTo: (name: string) => `Put on the ${name}`,
    pickBox: 'Pick a box above first.',
    boxUnusable: 'This box cannot take new stories right now.',
    phase: {
      starting: 'Getting ready…',
      preparing: (index: number, total: number) =>
        `Preparing story ${formatNumber('en', index)} of ${formatNumber('en', total)}`,
      copying: 'Copying onto the box',
      exporting: 'Reading the pack off the box',
    },
    cancel: 'Cancel',
    cancelling: 'Cancelling…',
    cancelled: 'Cancelled. The box still works: nothing half-copied was left on it.',
    safeToUnplug: '✓ Safe to unplug',
    installed: (titles: string[]) =>
      titles.length === 1
        ? `“${titles[0]}” is on the box.`
        : plural('en', titles.length, { one: '# story is on the box.', other: '# stories are on the box.' }),
    notSafeYet: 'Wait before unplugging the box: Talemo is still finishing.',
    installFailed: 'The stories could not be put on the box.',
    dismiss: 'Dismiss',
  },

  classroom: {
    title: 'Classroom: one set of stories on several boxes',
    intro:
      'For a class: tick the stories of the set and the boxes to fill, then put the set on all of them in one go. A report to print follows.',
    storiesLegend: 'Stories of the set',
    boxesLegend: 'Boxes to fill',
    noBoxes: 'No box yet: plug the boxes in, or add their folders above.',
    boxChoice: (name: string, serial: string) => `${name}, serial ${serial}`,
    run: (count: number) =>
      count === 0
        ? 'Put the set on the boxes'
        : plural('en', count, { one: 'Put the set on # box', other: 'Put the set on # boxes' }),
    needStories: 'Tick at least one story.',
    needBoxes: 'Tick at least one box.',
    phase: (box: number, total: number, step: string) =>
      `Box ${formatNumber('en', box)} of ${formatNumber('en', total)}: ${step}`,
    failed: 'The set could not be put on the boxes:',
    cancelled: 'Cancelled. The boxes already done keep the set; the box being filled was left as it was.',
    reportTitle: 'Classroom report',
    reportDate: (date: string) => `Made on ${date}`,
    reportStories: 'Stories of the set:',
    summary: (done: number, total: number) =>
      `${formatNumber('en', done)} of ${plural('en', total, { one: '# box', other: '# boxes' })} ${plural('en', done, { one: 'has', other: 'have' })} the whole set.`,
    caption: 'What each box holds now',
    columns: {
      box: 'Box',
      result: 'Result',
      holds: 'On the box now',
      added: 'Added this time',
      free: 'Free space',
    },
    unknownBox: 'Unknown box',
    ok: '✓ Done',
    notDone: '✗ Not done',
    nothingOnBox: 'No story',
    nothingAdded: 'Nothing added',
    alreadyThere: (count: number) =>
      plural('en', count, {
        one: 'already had # story of the set',
        other: 'already had # stories of the set',
      }),
    againHint:
      'Fix what is said for the boxes marked “Not done” (plug the box back in, make room on it), then put the set on again: only what is missing is added.',
    print: 'Print',
    printLabel: 'Print the classroom report',
    close: 'Close the report',
  },

  player: {
    playButton: '▶ Play as on the box',
    playButtonLabel: 'Play this story as a Lunii box would: wheel, OK, Home and Pause',
    back: '← Back to the story',
    loading: 'Opening the story…',
    title: (title: string) => `Playing “${title}”`,
    intro:
      'The story plays as on the box: turn the wheel to choose, press OK to confirm. Keys: ← and → turn the wheel, Enter or Space is OK, Escape or H is Home, P pauses.',
    controlsLabel: 'The box’s buttons',
    wheelLeft: 'Turn the wheel left',
    wheelRight: 'Turn the wheel right',
    ok: 'OK',
    okLabel: 'OK: confirm',
    home: 'Home',
    homeLabel: 'Home: go back',
    pause: 'Pause',
    resume: 'Resume',
    soundLabel: (name: string) => `Sound of “${name}”`,
    soundProgress: 'Sound played',
    startSound: '▶ Start the sound',
    soundWaiting: 'The browser waits for a click before it plays sound.',
    soundError: (message: string) =>
      `This sound could not be played (${message}). The story moves on without it.`,
    notNarrated:
      'Not narrated yet: this page has no sound, so its text is shown. It moves on by itself in a few seconds (or press OK).',
    pathTitle: 'Path so far',
    choice: (position: number, count: number, name: string) => `Choice ${position} of ${count}: ${name}`,
    nowPlaying: (name: string) => `Now playing: ${name}`,
    paused: (name: string) => `Paused: ${name}`,
    ended: 'The end. The box goes back to its menu.',
    stopped: 'Home: the box went back to its menu.',
    again: 'Play again from the start',
    problem: (name: string, detail: string) => `The story cannot go on after “${name}”: ${detail}`,
    missingAction: (id: string) => `it leads to ${id}, which is not a choice of this story.`,
    missingStage: (id: string) => `it offers ${id}, which is not a page of this story.`,
    badOption: (option: number, count: number) =>
      `it picks option ${formatNumber('en', option)} of a choice that has ${formatNumber('en', count)}.`,
    conte: '☾ Mode Conte (sound only)',
    conteHint: 'A dark screen with sound only and big buttons, like the box at bedtime.',
    conteLabel: 'Mode Conte: sound only',
    conteExit: 'Leave Mode Conte',
  },

  pagePicture: {
    choose: 'Choose a picture…',
    change: 'Change the picture…',
    remove: 'Remove the picture',
    saving: 'Saving the picture…',
    /** A button's name: its visible words first (screen-reader users hear what they see), then the page. */
    forPage: (action: string, name: string) => `${action} (“${name}”)`,
    formats: 'PNG, JPEG or BMP',
  },
  devicePreview: {
    heading: 'On the box',
    picture: 'How the box screen shows this picture: 320 × 240 dots, 16 colours, nothing cropped.',
    titleCard:
      'No picture on this page: the box will show this card (the story’s title and the page’s first words).',
    keepCard: 'Keep this card as the page’s picture',
    keeping: 'Keeping…',
    alt: (name: string) => `What the box screen shows for “${name}”`,
    show: 'Show it as on the box',
  },
  familyCloud: {
    membersTitle: (kind: 'family' | 'school'): string => (kind === 'family' ? 'Your family' : 'Your school'),
    membersIntro:
      'Everyone here shares the stories of this family or school on the cloud. What each person may do depends on their role.',
    loading: 'Reading who is in the family…',
    loadFailed: (message: string) => `The family could not be read: ${message}`,
    retry: 'Try again',
    membersLabel: 'Members',
    noEmail: 'Signed in without an email',
    you: '(you)',
    joined: (date: string) => `joined ${date}`,
    roles: {
      admin: {
        name: 'Admin',
        does: 'Can do everything: invite and remove people, download or erase the family’s data.',
      },
      parent_creator: {
        name: 'Parent creator',
        does: 'Writes and syncs stories, invites people, manages the children and their consents.',
      },
      teacher: { name: 'Teacher', does: 'Writes and syncs stories and invites people; sees the children.' },
      kids_listen_only: { name: 'Listener', does: 'Can only listen to the stories; changes nothing.' },
    } as Record<string, { name: string; does: string }>,
    remove: (who: string) => `Remove ${who}`,
    removeShort: 'Remove',
    removeConfirm: (who: string) =>
      `Remove ${who} from the family? Their computers stop syncing with it at once. Their own stories stay on their computers.`,
    removeYes: 'Yes, remove',
    removeNo: 'Keep',
    removing: 'Removing…',
    invitationsTitle: 'Invitations sent',
    invitationsNone: 'No invitation sent yet.',
    invitationsHidden: 'Only people who may invite see the invitations.',
    invitation: (role: string, status: string, until: string) => `${role}: ${status} (until ${until})`,
    invitationStatus: {
      pending: 'waiting to be used',
      accepted: 'used',
      revoked: 'withdrawn',
      expired: 'expired',
    } as Record<string, string>,
    withdraw: 'Withdraw',
    withdrawLabel: (role: string) => `Withdraw the invitation as ${role}`,
    inviteTitle: 'Invite someone',
    inviteIntro:
      'Talemo makes an invitation code. Give it to the person you invite (by message or on paper): they paste it when they create their account, and join with the role you chose.',
    inviteRole: 'Their role',
    inviteButton: 'Make an invitation code',
    inviting: 'Making the code…',
    inviteCodeTitle: 'The invitation code',
    inviteCodeOnce: (until: string) =>
      `Copy it now: Talemo will not show it again. It works once, until ${until}. If it gets lost, withdraw it and make another.`,
    copy: 'Copy the code',
    copied: 'Copied.',
    done: 'Done',
    dataTitle: 'The family’s data on the cloud',
    exportIntro:
      'Download everything the cloud keeps for this family: the members, the stories, the children’s consents, the history of changes and the recordings, as a zip file of readable JSON files.',
    exportButton: 'Download the family’s data',
    exporting: 'Preparing the file…',
    exported: (file: string) => `Downloaded ${file}.`,
    eraseTitle: 'Erase the family’s data from the cloud',
    eraseIntro:
      'This deletes everything the cloud keeps for this family, for every member, for good: the stories sent there, the children and their consents, the invitations and the history. It cannot be undone. Download the data first if you may want it later.',
    eraseKeeps:
      'The stories on this computer stay here. Every computer of the family is signed out; the accounts stay and can start or join another family.',
    eraseType: (name: string) => `To confirm, type the family’s name: ${name}`,
    eraseButton: 'Erase the family’s cloud data',
    erasing: 'Erasing…',
    eraseNotYet: 'The button works once the name is typed exactly as shown.',
    erased: 'The family’s cloud data is erased. This computer is signed out.',
    adminOnly: 'Only an admin of the family can download or erase its data.',
  },

  graph: {
    viewLabel: 'How to show the story',
    tabs: { text: 'Text', graph: 'Map' },
    canvasLabel: 'Story map: its steps, choices and arrows',
    hint: 'Drag a box to move it. Drag from → onto a step or a choice to say what comes next, or from “+ option” onto a step to add it to a choice. Or select a box (click, or Tab then Enter) and use the panel.',
    toolbarLabel: 'Story map tools',
    addStage: '+ Step',
    addChoice: '+ Choice',
    newStageName: 'New step',
    newChoiceName: 'New choice',
    undo: '↶ Undo',
    redo: '↷ Redo',
    status: {
      saved: '✓ Saved',
      pending: 'Changes waiting to be saved…',
      saving: 'Saving…',
      failed: (reason: string) => `Not saved: ${reason}`,
      conflict: 'Not saved: the story was changed elsewhere',
    },
    retry: 'Try again',
    badges: { cover: 'Cover', end: 'End', audio: 'Sound', picture: 'Picture' },
    noText: '(no words yet)',
    stageLabel: (name: string) => `Step “${name}”`,
    choiceLabel: (name: string) => `Choice “${name}”`,
    noOptions: 'No option yet',
    nextHandle: (name: string) =>
      `What comes after “${name}”: drag onto a step or a choice, or press to pick it in the panel`,
    optionHandle: (name: string) =>
      `Add an option to “${name}”: drag onto a step, or press to pick it in the panel`,
    optionHandleText: '+ option',
    summaryTitle: (count: number) =>
      plural('en', count, { one: '# problem on the map', other: '# problems on the map' }),
    summaryNone: '✓ No problems on the map.',
    showNode: 'Show',
    panelLabel: 'Selected box',
    panelEmpty: 'Select a box to change it: click it, or Tab to it and press Enter.',
    name: 'Name',
    nextGoesTo: 'Next goes to',
    nowhere: '— nowhere yet —',
    homeGoesTo: 'Home goes to',
    boxMenu: 'The box’s own menu (as usual)',
    isEnd: 'This is an end',
    controlsTitle: 'The box’s buttons on this step',
    controlsHint: 'Which buttons the child can use while this step plays.',
    controls: {
      wheel: 'Wheel: turn to choose',
      ok: 'OK: confirm',
      home: 'Home: go back',
      pause: 'Pause: stop for a moment',
      autoplay: 'Go on by itself when the sound ends',
    },
    options: 'Options',
    moveOptionUp: (name: string) => `Offer “${name}” earlier on the wheel`,
    moveOptionDown: (name: string) => `Offer “${name}” later on the wheel`,
    removeOption: (name: string) => `Remove the option “${name}”`,
    removeOptionText: 'Remove',
    addOption: 'Add option',
    addOptionButton: 'Add',
    pickStage: '— pick a step —',
    deleteNode: 'Delete this box',
    coverKept: 'The cover stays: every story starts with it.',
    missing: (id: string) => `(missing ${id})`,
    stageChoice: (name: string) => `Step: ${name}`,
    choiceChoice: (name: string) => `Choice: ${name}`,
    refused: (message: string) => `That change was not made: ${message}`,
    problems: 'Problems',
  },

  libraryDuplicates: {
    /** On a story's card in the library: the story it resembles, as a link that opens it. */
    looksLike: 'Looks like',
    openOther: (title: string) => `Open “${title}”, the story this one looks like`,
    warningLabel: (title: string) => `“${title}” may be a duplicate`,
  },

  skipLink: {
    /** First thing the Tab key reaches: straight past the top bar to the page itself. */
    label: 'Skip to the page content',
  },

  yoto: {
    title: 'Yoto players',
    intro:
      'A Yoto player only plays what is in a Yoto account, so sending to Yoto needs a Yoto account and the internet. Everything else in Talemo works offline: stories wait here, ready, until they can go.',
    signIn: {
      unavailable:
        'Talemo cannot sign in to Yoto yet (it has no Yoto app key). Stories you send wait here, ready, until it can.',
      signedOut: 'Not signed in to Yoto.',
      signingIn: 'Finish signing in on Yoto’s page, in the tab that opened…',
      signedIn: '✓ Signed in to Yoto',
      button: 'Sign in to Yoto',
      signOut: 'Sign out of Yoto',
      popupBlocked: 'Your browser blocked Yoto’s page. Open it here:',
      openPage: 'Yoto’s sign-in page',
    },
    storyLabel: 'Story to send',
    pickStory: 'Choose a story',
    loadingStories: 'Reading the library…',
    send: 'Send to Yoto',
    sending: 'Making the Yoto playlist…',
    sendPhase: {
      starting: 'Getting ready…',
      narrating: 'Reading the choices aloud',
      joining: 'Joining each chapter’s audio',
      encoding: 'Making the chapters’ MP3s',
    },
    queued: (title: string) => `“${title}” is in the queue.`,
    cancelled: 'Stopped: nothing was queued.',
    queueTitle: 'Upload queue',
    queueLabel: 'Stories waiting for Yoto, oldest first',
    empty: 'Nothing waiting for Yoto.',
    offline: (time: string) => `Cannot reach Yoto. Talemo tries again at ${time}.`,
    state: {
      waiting: 'Waiting',
      waitingSignIn: 'Waiting for a Yoto sign-in',
      waitingNetwork: 'Waiting for the internet',
      uploading: 'Sending the audio',
      transcoding: 'Yoto is preparing the audio',
      saving: 'Saving the playlist',
      done: '✓ In your Yoto account',
      failed: 'Failed',
    },
    files: (done: number, total: number) =>
      `${formatNumber('en', done)} of ${formatNumber('en', total)} files sent`,
    reason: {
      offline: () => 'Talemo cannot reach Yoto: check the Internet connection. It will try again by itself.',
      timeout: () => 'Yoto did not answer in time. Talemo will try again by itself.',
      server: () => 'Yoto is busy right now. Talemo will try again by itself.',
      'sign-in': () => 'The Yoto sign-in has expired: sign in to Yoto again, then press Retry.',
      rejected: (said: string) => `Yoto refused this playlist (${said}).`,
      'bad-response': () => 'Yoto answered something Talemo cannot read: press Retry a little later.',
      'transcode-failed': () =>
        'Yoto could not prepare one of the sounds: check the story’s narration, then press Retry.',
      'invalid-input': () =>
        'This story cannot go to Yoto as it is (a picture or a page Yoto refuses): check it, then send it again.',
      cancelled: () => 'Sending was stopped.',
      damaged: () => 'This upload’s saved state is damaged: remove it and send the story again.',
    },
    doneHint: 'Link it to a Make Your Own card in the Yoto app.',
    cardId: (title: string, id: string) => `In the Yoto app: the playlist “${title}” (id ${id}).`,
    retry: 'Try again',
    retryLabel: (title: string) => `Try sending “${title}” to Yoto again`,
    remove: 'Remove',
    removeLabel: (title: string) => `Remove “${title}” from the Yoto queue`,
  },

  sdCard: {
    title: 'Other boxes',
    intro:
      'Toniebox, TonUINO and ESPuino read stories from an SD card. Put the card in this computer, say where it is, and Talemo writes the story where the box looks for it.',
    boxLabel: 'Box',
    boxes: {
      tonies: 'Toniebox (SD card)',
      tonuino: 'TonUINO (SD card)',
      espuino: 'ESPuino (SD card)',
    },
    pathLabel: 'Where the SD card is',
    pathPlaceholder: 'E:\\  or  /media/sd',
    uidLabel: 'Tonie tag UID',
    uidPlaceholder: 'like E0:04:03:50:0D:0D:3F:47',
    folderLabel: 'Folder number (1 to 99, empty: the first free one)',
    storyLabel: 'Story',
    write: 'Write to the card',
    needs: {
      story: 'Choose a story.',
      path: 'Say where the SD card is.',
      uid: 'Type the UID of the Tonie’s tag.',
      folder: 'The folder number is a whole number from 1 to 99.',
    },
    phase: {
      copying: 'Copying onto the card',
      verifying: 'Reading it back to check',
    },
    written: (location: string) => `✓ Written, checked: ${location}`,
    filesLabel: 'Files written',
  },

  graphIssues: {
    'missing-cover': () => 'This story has no cover step: every story starts with one.',
    'duplicate-id': (name: string) => `Two steps share the same id (“${name}”): give one of them another.`,
    'choice-without-target': (name: string) => `The choice “${name}” offers no path yet: add an option.`,
    'unknown-stage': (name: string) =>
      `An option of “${name}” leads to a step that no longer exists: remove it or choose another.`,
    'unknown-action': (name: string) =>
      `“${name}” leads to a choice that no longer exists: choose where it goes next.`,
    'option-out-of-range': (name: string) =>
      `“${name}” leads to an option its choice no longer has: choose where it goes next.`,
    'end-with-next': (name: string) => `“${name}” is marked as an end but also goes on: keep one of the two.`,
    'dead-end': (name: string) => `“${name}” leads nowhere: give it a next step or mark it as an end.`,
    unreachable: (name: string) =>
      `“${name}” cannot be reached from the cover: link a step or a choice to it.`,
    'trap-cycle': (name: string) =>
      `“${name}” is in a loop with no way home or to an end: add an end, or let Home work on one of its steps.`,
  },
  blankStory: {
    title: 'Or write it yourself',
    intro:
      'Start from a blank page: give it a title, then write each page and draw its choices on the story map. No model needed.',
    titleLabel: 'Title of the story',
    placeholder: 'e.g. The little lighthouse',
    start: 'Start a blank story',
    starting: 'Starting…',
  },
  badges: {
    ai: '✨ Written with AI',
    age: (range: string) => `${range.replace('-', '–')} yrs`,
    duration: (seconds: number) =>
      seconds <= 0
        ? 'Length unknown'
        : seconds < 60
          ? 'Under 1 min'
          : `${formatNumber('en', Math.round(seconds / 60))} min`,
  },

  errors: {
    unknown: 'Something went wrong. Please try again.',
    /**
     * Each core error code in words, with what to do next (error-message.ts picks one and hands
     * it the facts the error's details carry). Pack and box reasons refine the generic words.
     */
    byCode: {
      'not-found': () =>
        'Talemo cannot find it any more (removed or moved?): go back to the list, then try again.',
      conflict: ({ reason, version }: ErrorFacts): string =>
        reason === 'already-installed'
          ? 'This story is already on the box: there is nothing more to do.'
          : `This was changed elsewhere meanwhile${version === undefined ? '' : ` (now version ${formatNumber('en', version)})`}: reload it, then make your change again.`,
      'invalid-input': ({ reason, status }: ErrorFacts): string =>
        reason === 'unplayable-graph'
          ? 'This story cannot be played as it is (a page no choice leads to?): fix its map, then try again.'
          : status !== undefined && status > 0
            ? `The Talemo cloud refused this (error ${status}).`
            : 'Talemo cannot use this as it is: check what you entered or chose, then try again.',
      'invalid-pack': ({ reason }: ErrorFacts): string =>
        reason === 'not-a-zip'
          ? 'This file is not a STUdio pack: choose the pack’s .zip file.'
          : reason === 'encrypted'
            ? 'This pack is locked (encrypted): Talemo reads only open STUdio packs.'
            : reason === 'wrong-keys'
              ? 'This pack is locked for another box: use the pack made for this one.'
              : 'This pack is damaged or incomplete: export or download it again, then import the new file.',
      'too-large': () => 'This is too big for Talemo: split it into smaller parts, then try again.',
      cancelled: () => 'Stopped: nothing half done was kept.',
      'download-failed': () =>
        'The download did not finish: check the internet connection, then try again (it resumes where it stopped).',
      'no-model': () =>
        'No AI model for this is installed: install one from the AI models page, then try again.',
      'model-unusable': () =>
        'This AI model cannot run here (damaged file or too little memory): remove it and install a smaller one from the AI models page.',
      'moderation-flagged': ({ findings }: ErrorFacts): string =>
        `The story check found ${findings === undefined ? 'passages' : plural('en', findings, { one: '# passage', other: '# passages' })} to review: a parent reads them on the story’s page and approves it before it goes on a box.`,
      'consent-required': () =>
        'A parent must first turn on the recording consent in the family settings for this child’s voice.',
      'bad-audio': () =>
        'This sound cannot be used (empty, silent or unreadable): record it again or choose another file.',
      'no-voice': ({ voices }: ErrorFacts): string =>
        voices !== undefined && voices > 0
          ? `This voice is not on this computer: choose another one (${plural('en', voices, { one: '# voice is', other: '# voices are' })} ready).`
          : 'No voice can read stories on this computer: install espeak-ng, or a voice from the AI models page.',
      unauthorized: ({ status }: ErrorFacts): string =>
        status === 429
          ? 'Too many tries: wait a few minutes, then try again.'
          : status === 423
            ? 'This account is locked for a while: wait, then sign in again.'
            : 'The Talemo cloud did not accept this sign-in: sign in again.',
      'unsupported-device': () =>
        'Talemo cannot write to this box (a model or version it does not know): keep using it with its own app.',
      'no-space': () => 'The box is full: remove a pack or choose fewer stories.',
      'read-only': () =>
        'The box cannot be written to (read-only): unplug it, plug it back in and try again.',
      unplugged: () => 'The box was unplugged: plug it back in; Talemo will finish or undo the copy.',
      'verify-failed': () =>
        'The copy did not read back right: try again; if it happens again, try another USB cable or port.',
      internal: () => 'Something went wrong inside Talemo: try again; if it keeps happening, restart Talemo.',
    },
  },
};

export type Strings = typeof en;

const language = startLanguage();
markDocumentLanguage(language);

/** The words of the language chosen at load (see the header for why it does not change in place). */
export const strings: Strings = language === 'fr' ? fr : en;
