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

  badges: {
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
