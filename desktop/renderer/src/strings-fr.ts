/**
 * The French words of the UI, for parents and teachers: the app says « vous », warmly and
 * plainly. Same shape as `en` (strings.ts): a missing or extra key is a compile error, and
 * strings-fr.test.ts checks every function keeps its parameters.
 *
 * Typography: a no-break space (U+00A0) before « : » and between a number and its word, a
 * narrow one (U+202F) inside « » and before ? ! ; so a line never starts with a lone mark.
 * They look like plain spaces here; strings-fr.test.ts fails if a plain one slips in.
 */
/* eslint-disable no-irregular-whitespace -- the no-break spaces in these texts are French typography, on purpose */
import { FABRIQUE_CHOICES } from './fabrique-words';
import { formatNumber, formatShare, plural } from './number-words';
import type { Strings } from './strings';

const n = (value: number, digits = 0): string => formatNumber('fr', value, digits);

export const fr: Strings = {
  locale: 'fr',
  appName: 'Talemo',
  appTagline: 'Des histoires pour les boîtes à histoires des petits',

  languageSwitch: {
    label: 'Langue de Talemo',
    short: { fr: 'FR', en: 'EN' },
    names: { fr: 'Français', en: 'English' },
  },
  percent: (percent: number) => formatShare('fr', percent / 100),

  noToken: {
    title: 'Talemo a besoin de sa clé',
    body: 'Ouvrez l’adresse affichée dans le terminal (elle contient une clé à usage unique).',
    hint: 'L’adresse ressemble à http://127.0.0.1:PORT/#token=… — copiez-la en entier dans ce navigateur.',
  },
  transportHint:
    'Si Talemo a redémarré, ouvrez la nouvelle adresse affichée dans le terminal (elle contient une clé à usage unique).',

  library: {
    title: 'Vos histoires',
    searchLabel: 'Chercher dans vos histoires',
    searchPlaceholder: 'Chercher un mot, un nom, un thème…',
    filtersLabel: 'Filtres',
    language: 'Langue',
    anyLanguage: 'Toutes les langues',
    age: 'Âge',
    anyAge: 'Tous les âges',
    tag: 'Thème',
    anyTag: 'Tous les thèmes',
    maxDuration: 'Durée',
    anyDuration: 'Toutes les durées',
    upToMinutes: (minutes: number) => `Jusqu’à ${n(minutes)} min`,
    clearFilters: 'Effacer la recherche et les filtres',
    indexing: 'Préparation de la recherche par le sens (la recherche par mot fonctionne déjà)',
    loading: 'Chargement de vos histoires…',
    count: (shown: number) => plural('fr', shown, { one: '# histoire', other: '# histoires' }),
    emptyTitle: 'Votre bibliothèque est vide',
    emptyBody: 'Importez un pack STUdio (.zip) pour ajouter votre première histoire.',
    noResultsTitle: 'Aucune histoire ne correspond',
    noResultsBody: 'Essayez un autre mot, ou effacez les filtres.',
    openStory: (title: string) => `Ouvrir « ${title} »`,
    noCover: 'Pas d’image',
    createButton: 'Créer une histoire',
    modelsButton: 'Modèles d’IA',
    actionsLabel: 'Ajouter des histoires',
  },

  importer: {
    button: 'Importer un pack STUdio (.zip)',
    working: (fileName: string) => `Import de ${fileName}…`,
    phase: (phase: string) => (phase === 'reading' ? 'Lecture du pack' : phase),
    done: (title: string) => `L’histoire « ${title} » a été ajoutée à votre bibliothèque.`,
    duplicate: (title: string) =>
      `Elle ressemble à « ${title} », que vous avez déjà ; les deux sont conservées.`,
    open: 'L’ouvrir',
    failed: (fileName: string) => `Impossible d’importer ${fileName}.`,
    cancel: 'Arrêter',
    cancelled: (fileName: string) => `Import de ${fileName} arrêté : rien n’a été ajouté.`,
    dismiss: 'Fermer',
  },

  story: {
    back: '← Toutes les histoires',
    loading: 'Ouverture de l’histoire…',
    notFound: 'Cette histoire n’est plus dans votre bibliothèque.',
    details: 'À propos de cette histoire',
    title: 'Titre',
    summary: 'Résumé',
    language: 'Langue',
    age: 'Âge',
    tags: 'Thèmes',
    tagsHint: 'Séparez les thèmes par des virgules.',
    saveDetails: 'Enregistrer les informations',
    saving: 'Enregistrement…',
    saved: 'Enregistré.',
    nodesTitle: 'L’histoire, étape par étape',
    nodesHint:
      'Depuis la couverture, dans l’ordre où l’enfant l’entend. Les choix montrent tous les chemins.',
    unreachableTitle: 'Inaccessible depuis la couverture',
    unreachableHint: 'Un enfant n’entendra jamais ces passages : aucun chemin n’y mène.',
    text: 'Texte',
    saveText: 'Enregistrer le texte',
    listen: '▶ Écouter',
    loadingAudio: 'Chargement du son…',
    waveform: (name: string) => `Son de ${name} : cliquez ou utilisez les flèches pour vous y déplacer`,
    position: (at: string, total: string) => `${at} sur ${total}`,
    pictureOf: (name: string) => `Image de « ${name} »`,
    end: 'Fin',
    next: (name: string) => `Ensuite : ${name}`,
    choiceTitle: (name: string) => `Choix${name ? ` : ${name}` : ''}`,
    choiceHint: 'L’enfant tourne la molette pour choisir :',
    choiceMissing: (id: string) => `(passage ${id} manquant)`,
    issuesTitle: 'À vérifier',
    generalIssuesTitle: 'Problèmes dans cette histoire',
    noIssues: 'Aucun problème trouvé : cette histoire peut aller sur une boîte.',
    conflict:
      'Cette histoire a été modifiée ailleurs (une autre fenêtre, la ligne de commande ou une synchronisation) depuis que vous l’avez ouverte. Votre modification n’a pas été enregistrée.',
    conflictAction: 'Rechargez la dernière version, puis refaites votre modification.',
    reload: 'Recharger',
    exportButton: 'Exporter en pack STUdio (.zip)',
    exporting: 'Préparation du pack…',
    exported: (fileName: string) => `Enregistré sous ${fileName} dans vos téléchargements.`,
    deleteButton: 'Supprimer cette histoire',
    deleteQuestion: (title: string) =>
      `Supprimer « ${title} » définitivement ? Cette action est irréversible.`,
    deleteConfirm: 'Oui, la supprimer',
    deleteCancel: 'La garder',
    deleting: 'Suppression…',
    unsaved: 'Pas encore enregistré',
    aiNote: (model: string) =>
      `Écrite avec l’IA sur cet ordinateur${model ? ` (${model})` : ''}. Relisez-la avant qu’un enfant ne l’écoute.`,
    kind: {
      cover: 'Couverture',
      stage: 'Étape',
      story: 'Histoire',
      'menu.questionstage': 'Question',
      'menu.optionstage': 'Option',
    } as Record<string, string>,
  },

  similar: {
    title: (count: number) =>
      plural('fr', count, {
        one: 'Cette histoire ressemble à une autre que vous avez',
        other: 'Cette histoire ressemble à # autres que vous avez',
      }),
    hint: 'Les deux sont conservées. Vérifiez avant de les mettre sur la même boîte.',
    score: (score: number) => `Similaires à ${formatShare('fr', score)}`,
    thisStory: (text: string) => `Ici : « ${text} »`,
    thatStory: (text: string) => `Là-bas : « ${text} »`,
    notDuplicate: 'Ce n’est pas un doublon',
    reasonLabel: 'Pourquoi ? ',
    reasonPlaceholder: 'p. ex. une nouvelle version pour les grands de la classe',
    confirm: 'Confirmer',
    saving: 'Enregistrement…',
    cancel: 'Annuler',
    failed: (message: string) => `Impossible de chercher les histoires semblables : ${message}`,
  },

  create: {
    title: 'Créer une histoire',
    intro:
      'L’assistant de Talemo écrit un premier jet sur cet ordinateur : rien de ce que vous tapez ne sort de la maison. Vous le lisez, puis vous le gardez ou vous réessayez.',
    tabsLabel: 'Pour commencer',
    tabs: {
      prompt: 'La décrire',
      fabrique: 'Fabrique',
      chat: 'En discuter',
    },
    promptLabel: 'De quoi l’histoire doit-elle parler ?',
    promptPlaceholder:
      'p. ex. Un petit renard qui a peur du noir se lie d’amitié avec une luciole, et ensemble ils illuminent la forêt.',
    optionsTitle: 'Pour qui, et comment',
    language: 'Langue',
    age: 'Âge',
    length: 'Durée',
    lengths: {
      short: 'Courte',
      medium: 'Moyenne',
      long: 'Longue',
    } as Record<string, string>,
    choices: 'Choix pour l’enfant',
    choicePoints: {
      0: 'Aucun : une histoire toute droite',
      1: 'Un choix',
      2: 'Deux niveaux de choix',
    } as Record<number, string>,
    tone: 'Ton (facultatif)',
    tonePlaceholder: 'p. ex. drôle, tendre, un peu magique',
    write: 'Écrire l’histoire',
    needPrompt: 'Dites en quelques mots de quoi l’histoire doit parler.',
    needPicks: 'Choisissez un héros, un lieu, un compagnon et un thème (ou écrivez votre propre idée).',
  },

  fabrique: {
    hint: 'Choisissez un élément de chaque, ou écrivez votre idée sous « Autre… ».',
    legends: {
      hero: 'Qui est le héros ?',
      place: 'Où cela se passe-t-il ?',
      object: 'Qu’est-ce qui l’accompagne ?',
      theme: 'De quoi parle l’histoire ?',
    },
    other: 'Autre…',
    otherLabel: (legend: string) => `${legend} Autre idée`,
    otherPlaceholder: 'Votre idée',
    choices: FABRIQUE_CHOICES,
    problem: 'Qu’est-ce qui tourne mal ? (facultatif)',
    problemPlaceholder: 'p. ex. la radio tombe en panne le soir du grand spectacle',
    lesson: 'Qu’apprend-on dans l’histoire ? (facultatif)',
    lessonPlaceholder: 'p. ex. demander de l’aide, c’est courageux aussi',
    filledFromChat:
      'Rempli d’après votre discussion. Modifiez ce que vous voulez, puis appuyez sur « Écrire l’histoire ».',
  },

  chat: {
    intro:
      'Pas encore d’idée ? Discutez-en avec l’assistant : il pose une question à la fois. Quand l’idée vous plaît, appuyez sur « Utiliser cette idée ».',
    messagesLabel: 'Votre discussion',
    empty: 'Dites bonjour, ou racontez à l’assistant ce que votre enfant adore.',
    you: 'Vous',
    helper: 'Assistant',
    thinking: '…',
    messageLabel: 'Votre message',
    messagePlaceholder: 'p. ex. Ma fille adore les pandas et les trains',
    send: 'Envoyer',
    replying: 'L’assistant répond…',
    reading: 'Votre discussion devient un plan d’histoire…',
    stop: 'Arrêter',
    stopping: 'Arrêt…',
    stopped: 'Arrêté.',
    use: 'Utiliser cette idée',
    useHint: 'Remplit la Fabrique d’après votre discussion.',
    restart: 'Recommencer',
    tooLong: 'Cette discussion est longue : seuls ses derniers messages sont envoyés.',
    failed: 'L’assistant n’a pas pu répondre.',
  },

  draft: {
    starting: 'Réveil du modèle d’écriture…',
    writing: (paragraphs: number) =>
      paragraphs === 0
        ? 'Écriture…'
        : `Écriture… déjà ${plural('fr', paragraphs, { one: '# paragraphe', other: '# paragraphes' })}`,
    previewLabel: 'Le brouillon, au fil de l’écriture',
    titlePending: 'Recherche d’un titre…',
    stop: 'Arrêter',
    stopping: 'Arrêt…',
    stopped: 'Arrêté. Rien n’a été enregistré.',
    again: 'Réécrire',
    dismiss: 'Fermer',
    failed: 'Le brouillon n’a pas pu être écrit.',
    retry: 'Réessayer',
    complete: '✓ Terminé : l’assistant a fini l’histoire.',
    truncated:
      'Le brouillon a été coupé à la longueur maximale : la fin manque peut-être. Gardez-le et terminez-le vous-même, ou réessayez.',
    checkTitle: 'Vérifié pour un enfant',
    checkOk: '✓ Rien d’inquiétant.',
    checkFlagged:
      'Quelques points à regarder avant qu’un enfant n’écoute cette histoire. Si vous la gardez, elle ne pourra aller sur une boîte qu’après votre accord sur la page de l’histoire.',
    similarTitle: 'Elle ressemble à des histoires que vous avez déjà',
    similarHint: 'Votre brouillon reste ici pendant que vous regardez.',
    keep: 'Garder cette histoire',
    keeping: 'Enregistrement…',
    keepHint:
      'Rien n’est enregistré tant que vous ne la gardez pas. Vous pourrez ensuite changer chaque mot.',
    retryHint: 'Réessayer écrit un nouveau brouillon à partir de la même demande.',
  },

  noModel: {
    title: 'Aucun modèle d’écriture n’est encore installé',
    body: 'Talemo écrit sur cet ordinateur : il lui faut d’abord un modèle. Il se télécharge une seule fois (environ 1 Go) et fonctionne ensuite sans Internet.',
    unusable: 'Le modèle d’écriture n’a pas pu être utilisé.',
    action: 'Voir les modèles d’IA',
  },

  moderation: {
    flaggedTitle: 'Cette histoire doit être relue par un parent avant d’aller sur une boîte',
    flaggedBody: (age: string) =>
      `Talemo a trouvé des mots ou des détails qui peuvent ne pas convenir à un enfant de ${age} ans. Elle ne peut pas aller sur une boîte tant qu’un parent ne l’a pas approuvée. Vous pouvez aussi modifier le texte ci-dessous ; l’histoire est vérifiée de nouveau à chaque enregistrement.`,
    approvedOn: (date: string, reason: string) => `Approuvée par un parent le ${date} : ${reason}`,
    approve: 'Approuver pour notre famille',
    reasonLabel: 'Pourquoi est-ce adapté à votre enfant ? ',
    reasonPlaceholder: 'p. ex. c’est notre propre numéro de téléphone, l’histoire reste à la maison',
    confirm: 'Approuver',
    saving: 'Enregistrement…',
    cancel: 'Annuler',
    failed: (message: string) => `Impossible de vérifier cette histoire : ${message}`,
    findingsLabel: 'Ce qui a été trouvé',
    show: 'Le montrer dans l’histoire ↓',
    inTitle: 'dans le titre',
    inSummary: 'dans le résumé',
    omitted: (count: number) =>
      plural('fr', count, { one: '…et # autre du même genre.', other: '…et # autres du même genre.' }),
    severity: {
      mild: 'Léger',
      moderate: 'À regarder',
      severe: 'Grave',
    } as Record<string, string>,
    categories: {
      violence: 'Violence',
      sexual: 'Contenu sexuel',
      'self-harm': 'Automutilation',
      hate: 'Propos haineux',
      'drugs-alcohol': 'Drogue ou alcool',
      scary: 'Effrayant',
      profanity: 'Gros mots',
      'personal-data': 'Données personnelles (un nom, une adresse, un numéro de téléphone…)',
    } as Record<string, string>,
  },

  models: {
    title: 'Modèles d’IA',
    intro:
      'Les assistants de Talemo fonctionnent sur cet ordinateur : rien de ce que vous écrivez ne sort de la maison. Chaque modèle se télécharge une seule fois.',
    loading: 'Examen de cet ordinateur…',
    hardware: (memory: string, cores: number, gpu: string | null) =>
      `Cet ordinateur : ${memory} de mémoire, ${plural('fr', cores, { one: '# cœur de processeur', other: '# cœurs de processeur' })}${gpu ? `, carte graphique : ${gpu}` : ''}.`,
    recommendedTitle: (name: string) => `Recommandé pour cet ordinateur : ${name}`,
    draftingWith: (file: string, source: 'environment' | 'installed') =>
      source === 'installed'
        ? `Les histoires sont écrites avec ${file}, le meilleur modèle installé ici.`
        : `Les histoires sont écrites avec ${file}, choisi par le réglage TALEMO_LLM_MODEL.`,
    draftingNone:
      'Aucun modèle d’écriture n’est encore installé : installez-en un ci-dessous pour écrire des histoires.',
    noRecommendation: 'Aucun modèle d’écriture ne convient bien à cet ordinateur',
    kinds: {
      llm: {
        title: 'Écrire des histoires',
        hint: 'Écrit des brouillons d’histoires et discute de vos idées avec vous.',
      },
      embedding: {
        title: 'Recherche',
        hint: 'Retrouve les histoires par leur sens et repère celles qui se ressemblent.',
      },
      tts: { title: 'Voix', hint: 'Lit les histoires à voix haute pour la boîte.' },
      stt: { title: 'Reconnaissance vocale', hint: 'Transforme les mémos vocaux en texte écrit.' },
    } as Record<string, { title: string; hint: string }>,
    recommended: 'Recommandé',
    installed: 'Installé',
    languages: 'Langues',
    licence: 'Licence',
    download: 'Téléchargement',
    unknownSize: 'taille inconnue',
    memory: 'Mémoire nécessaire',
    onDisk: 'Sur le disque',
    install: 'Installer',
    installLabel: (name: string) => `Installer ${name}`,
    downloading: (done: string, total: string | null) =>
      total ? `Téléchargement : ${done} sur ${total}` : `Téléchargement : ${done}`,
    stop: 'Arrêter',
    stopping: 'Arrêt…',
    resume: (done: string) => `Téléchargé : ${done} — Reprendre`,
    remove: 'Supprimer',
    removeLabel: (name: string) => `Supprimer ${name}`,
    removeQuestion: (name: string, size: string) =>
      `Supprimer ${name} ? Cela libère ${size}. Vous pourrez le réinstaller plus tard.`,
    removeConfirm: 'Oui, le supprimer',
    removeCancel: 'Le garder',
    removing: 'Suppression…',
    failed: (name: string) => `Impossible de télécharger ${name}.`,
    dismiss: 'Fermer',
  },

  narration: {
    title: 'Narration',
    intro:
      'Talemo lit chaque page à voix haute avec une voix de cet ordinateur, ou vous l’enregistrez vous-même. Seules les pages dont le texte ou la voix ont changé sont relues.',
    voice: 'Voix',
    chooseVoice: 'Choisir une voix…',
    voicesLoading: 'Recherche des voix…',
    noVoices:
      'Aucune voix ne peut encore lire d’histoires sur cet ordinateur. Installez espeak-ng (Linux : apt install espeak-ng), ou une voix depuis la page des modèles d’IA.',
    rate: 'Vitesse',
    rateValue: (rate: number) => `${n(rate, 1)}× la vitesse normale`,
    pitchValue: (pitch: number) =>
      pitch === 1
        ? 'hauteur normale'
        : pitch < 1
          ? `plus grave (${n(pitch, 2)})`
          : `plus aiguë (${n(pitch, 2)})`,
    pitch: 'Hauteur de la voix',
    noPitch: 'cette voix garde sa propre hauteur',
    saving: 'Enregistrement de la voix…',
    saved: '✓ Voix enregistrée pour cette histoire.',
    replaceRecordings: 'Remplacer aussi les sons enregistrés et importés',
    replaceRecordingsHint:
      'Si la case reste décochée, une voix enregistrée par votre famille n’est jamais remplacée.',
    read: 'Lire l’histoire à voix haute',
    starting: 'Préparation de la voix…',
    reading: (page: number, total: number) => `Lecture de la page ${n(page)} sur ${n(total)}`,
    finishing: 'Mise en place des sons…',
    stop: 'Arrêter',
    stopping: 'Arrêt…',
    stopped: 'Arrêté. L’histoire n’a pas changé ; les pages déjà lues sont gardées pour la prochaine fois.',
    failed: 'L’histoire n’a pas pu être lue à voix haute.',
    done: 'Terminé :',
    pages: (count: number) => plural('fr', count, { one: '# page', other: '# pages' }),
    outcomes: {
      // Why prepositional phrases: they follow "1 page" and "3 pages" alike, with no agreement to make.
      synthesised: 'avec la voix de l’ordinateur',
      reused: 'avec le son d’une lecture précédente',
      unchanged: 'sans changement',
      kept: 'avec le son enregistré ou importé d’origine',
      silent: 'sans texte',
    } as Record<string, string>,
    keptHint:
      'Pour lire aussi ces pages avec la voix, cochez « Remplacer aussi les sons enregistrés et importés ».',
    dismiss: 'Fermer',
    family: 'Famille et autorisation d’enregistrement…',
    loadFailed: (message: string) => `Impossible de lire la narration de cette histoire : ${message}`,
  },

  pageNarration: {
    label: (name: string) => `Narration de « ${name} »`,
    origin: {
      tts: 'Lue par la voix de l’ordinateur',
      placeholder: 'Un carillon d’attente, jusqu’à ce que l’histoire soit lue à voix haute',
      adult: 'Enregistrée par un adulte',
      child: 'Enregistrée par un enfant',
      import: 'Importée d’un fichier',
      pack: 'Fournie avec l’histoire',
      sound: 'Avec un son',
      none: 'Pas encore de narration',
    },
    tools: 'Enregistrer ou importer…',
    closeTools: 'Masquer ces outils',
    speaker: 'Qui parle ?',
    adult: 'Un adulte',
    childOption: (name: string, consent: boolean) =>
      consent ? name : `${name} (sans autorisation d’enregistrement)`,
    blocked: (name: string) =>
      `La voix de ${name} ne peut pas encore être enregistrée : un parent doit d’abord activer l’autorisation d’enregistrement pour ${name}.`,
    blockedWhere: 'Activez-le dans Famille et autorisation d’enregistrement.',
    openFamily: 'Ouvrir Famille et autorisation d’enregistrement',
    noChildren: 'Pour enregistrer un enfant, ajoutez-le dans Famille et autorisation d’enregistrement.',
    record: '● Enregistrer',
    asking: 'Demande d’accès au micro…',
    recording: (time: string) => `Enregistrement… ${time}`,
    stop: '■ Arrêter',
    level: 'Niveau du micro',
    levelValue: (percent: number, word: string) => `${formatShare('fr', percent / 100)} — ${word}`,
    levelWords: {
      silent: 'rien n’est capté',
      quiet: 'un peu faible',
      good: 'bien',
      loud: 'trop fort',
    } as Record<string, string>,
    listenBack: 'Réécouter',
    retake: 'Recommencer',
    use: 'Utiliser cet enregistrement',
    discard: 'Jeter',
    import: 'Importer un fichier…',
    importLabel: (name: string) => `Importer un fichier son pour « ${name} »`,
    sending: 'Préparation du son pour la boîte…',
    cancel: 'Arrêter',
    cancelled: 'Arrêté : la page garde son son.',
    saved: '✓ Cette page utilise maintenant votre son.',
    noMicrophone:
      'Aucun micro n’a pu être utilisé. Vérifiez qu’un micro est branché et que Talemo a le droit de s’en servir, puis réessayez.',
    noRecorder: 'Ce navigateur ne peut pas enregistrer de son. Importez plutôt un fichier.',
    failed: 'Le son n’a pas pu être utilisé.',
  },

  family: {
    title: 'Famille et autorisation d’enregistrement',
    intro:
      'Les enfants qui peuvent parler dans vos histoires. La voix d’un enfant n’est enregistrée que si vous l’autorisez ici.',
    loading: 'Lecture de votre famille…',
    empty: 'Aucun enfant ajouté pour l’instant.',
    consent: (name: string) =>
      `Autoriser Talemo à garder des enregistrements de la voix de ${name} sur cet ordinateur. Ils n’en sortent jamais, sauf si vous autorisez aussi la synchronisation avec le cloud.`,
    consentOn: (date: string) => `Autorisé depuis le ${date}.`,
    consentOff: 'Non autorisé.',
    cloudConsent: (name: string) =>
      `Envoyer les enregistrements de ${name} dans le cloud de votre famille avec les histoires (seulement lors d’une synchronisation, et seulement avec l’autorisation ci-dessus).`,
    cloudConsentOn: 'Autorisé.',
    cloudConsentOff: 'Non autorisé : ses enregistrements restent sur cet ordinateur.',
    addTitle: 'Ajouter un enfant',
    name: 'Prénom',
    namePlaceholder: 'p. ex. Zoé',
    add: 'Ajouter',
    adding: 'Ajout…',
    saving: 'Enregistrement…',
    close: 'Fermer',
    failed: (message: string) => `Impossible d’enregistrer : ${message}`,
  },

  account: {
    open: 'Cloud familial',
    openLabel: 'Cloud familial : se connecter et synchroniser vos histoires',
    title: 'Cloud familial',
    intro: 'Gardez vos histoires à jour sur chaque ordinateur de votre famille ou de votre école.',
    loading: 'Lecture de votre compte…',
    whatTitle: 'À quoi sert le cloud',
    what: 'Une fois connecté, vos histoires partent vers le serveur de votre famille et reviennent sur chaque ordinateur connecté à la même famille. Les changements faits sans connexion attendent ici et partent dès que le serveur répond.',
    optional:
      'Le cloud est facultatif : écrire, raconter et mettre des histoires sur les boîtes fonctionne sans lui, sur cet ordinateur seul.',
    serverUrl: 'Adresse du serveur',
    serverPlaceholder: 'https://cloud.exemple.fr',
    email: 'Adresse e-mail',
    password: 'Mot de passe',
    signInTitle: 'Se connecter',
    signInIntro: 'Vous avez déjà un compte ? Connectez-vous ici.',
    signIn: 'Me connecter',
    signingIn: 'Connexion…',
    signUpTitle: 'Créer un compte',
    signUpIntro:
      'Un nouveau compte crée une nouvelle famille ou école sur le serveur ; les autres la rejoignent ensuite.',
    newPassword: 'Mot de passe (au moins 12 caractères)',
    kind: 'Le compte est pour',
    kindFamily: 'Une famille',
    kindSchool: 'Une école ou une classe',
    kindInvited: 'J’ai été invité·e : rejoindre une famille ou une école avec mon code',
    invitationCode: 'Code d’invitation',
    invitationHint: 'Le code que la personne qui vous invite vous a transmis (il ne sert qu’une fois).',
    groupName: 'Nom de la famille ou de l’école',
    groupPlaceholder: 'ex. Les Martin',
    signUp: 'Créer le compte',
    signingUp: 'Création du compte…',
    passwordTooShort: (min: number) => `Le mot de passe doit compter au moins ${n(min)} caractères.`,
    nextStep: {
      unauthorized: 'Vérifiez l’adresse e-mail et le mot de passe, puis réessayez.',
      invalidInput: 'Vérifiez l’adresse du serveur et chaque champ, puis réessayez.',
      other: 'Réessayez dans un instant ; si cela échoue encore, vérifiez l’adresse du serveur.',
    },
    signedInTitle: 'Connecté',
    who: 'Connecté en tant que',
    group: 'Famille ou école',
    server: 'Serveur',
    statusTitle: 'Synchronisation',
    syncing: 'Synchronisation en cours…',
    upToDate: 'Tout est à jour.',
    syncedAt: (time: string) => `Dernière synchronisation à ${time}.`,
    neverSynced: 'Pas encore synchronisé.',
    queued: (count: number) =>
      plural('fr', count, {
        one: '# changement en attente d’envoi.',
        other: '# changements en attente d’envoi.',
      }),
    offline: 'Hors ligne : vos changements partiront quand le serveur sera de retour.',
    error: (message: string) => `Synchronisation arrêtée : ${message}`,
    errorHint:
      'Appuyez sur « Synchroniser maintenant » pour réessayer. Si votre connexion a expiré, reconnectez-vous.',
    signedOutNow: 'Vous êtes déconnecté.',
    syncNow: 'Synchroniser maintenant',
    syncingNow: 'Synchronisation…',
    signOut: 'Me déconnecter',
    signingOut: 'Déconnexion…',
    signOutHint:
      'Se déconnecter garde toutes les histoires sur cet ordinateur ; les changements faits entre-temps partiront à votre prochaine connexion.',
    privacyTitle: 'La voix de vos enfants',
    privacy:
      'Les enregistrements d’un enfant ne quittent cet ordinateur que si vous avez donné les deux autorisations pour cet enfant : enregistrer sa voix, et envoyer ses enregistrements vers le cloud.',
    privacyHow: (button: string) =>
      `Pour les changer, ouvrez une histoire, allez dans sa partie Narration et appuyez sur « ${button} ».`,
    privacyNone: 'Aucun enfant ajouté pour l’instant : la voix d’aucun enfant n’est enregistrée ni envoyée.',
    childCloud: (name: string) => `${name} : ses enregistrements peuvent aller vers le cloud.`,
    childLocal: (name: string) => `${name} : ses enregistrements restent sur cet ordinateur.`,
    childNotRecorded: (name: string) => `${name} : pas d’enregistrement.`,
    childrenFailed: (message: string) => `Impossible de lire la liste des enfants : ${message}`,
  },

  devices: {
    open: 'Boîtes',
    openLabel: 'Boîtes : voir ce qu’il y a sur vos boîtes à histoires et y mettre des histoires',
    navLabel: 'Pages',
    title: 'Vos boîtes à histoires',
    intro:
      'Branchez une boîte à cet ordinateur avec son câble et allumez-la : elle apparaît ici toute seule. Choisissez-la pour voir ses histoires et en ajouter.',
    looking: 'Recherche des boîtes…',
    none: 'Aucune boîte trouvée pour l’instant. Branchez-en une avec son câble USB et allumez-la, ou utilisez un dossier ci-dessous.',
    listLabel: 'Boîtes trouvées',
    listFailed: 'Impossible de chercher les boîtes :',
    brands: { lunii: 'Lunii' } as Record<string, string>,
    boxName: (brand: string, family: string) => `${brand} ${family}`,
    firmware: (version: string) => `Micrologiciel ${version}`,
    serial: (serial: string) => `Numéro de série ${serial}`,
    space: (free: string, total: string) => `Libre : ${free} sur ${total}`,
    spaceLabel: 'Espace utilisé sur la boîte',
    packCount: (count: number) =>
      count === 0
        ? 'Pas encore de pack d’histoires'
        : plural('fr', count, { one: '# pack d’histoires', other: '# packs d’histoires' }),
    unusable: 'Inutilisable :',
    openBox: (name: string) => `Voir le contenu de la boîte ${name}`,
    shown: 'Affichée ci-dessous',
    dropHere: 'Déposez l’histoire ici pour la mettre sur cette boîte',

    folderTitle: 'Utiliser un dossier comme boîte',
    folderHint:
      'Pour la carte mémoire d’une boîte dans un lecteur de cartes, ou une copie d’une boîte sur cet ordinateur : indiquez le dossier qui contient les fichiers de la boîte.',
    folderLabel: 'Dossier de la boîte',
    folderPlaceholder: 'p. ex. /media/moi/LUNII ou E:\\',
    folderAdd: 'Utiliser ce dossier',
    folderChecking: 'Vérification du dossier…',
    folderFailed: (path: string) => `Le dossier ${path} ne peut pas servir de boîte.`,
    folderFailedHint:
      'Vérifiez que le dossier est bien la racine de la mémoire de la boîte (il contient le fichier caché .md de la boîte), puis réessayez.',
    foldersLabel: 'Dossiers utilisés comme boîtes',
    folderForget: 'Oublier',
    folderForgetLabel: (path: string) => `Oublier le dossier ${path}`,

    loadingBox: 'Lecture de la boîte…',
    boxFailed: 'Impossible de lire cette boîte :',
    retry: 'Réessayer',
    gone: 'Cette boîte n’est plus là (débranchée ?). Rebranchez-la : Talemo la retrouve tout seul.',
    readOnly: 'Cette boîte est en lecture seule pour le moment : rien ne peut y être modifié.',
    warningsTitle: 'Bon à savoir',
    boxWarning: {
      'wifi-sync':
        'Gardez cette boîte hors du Wi-Fi : une synchronisation Wi-Fi avec Lunii peut effacer les packs qui ne viennent pas du Luniistore.',
      'firmware-update':
        'Avant une mise à jour du micrologiciel, exportez vos propres packs : les mises à jour ont déjà changé le format, et Talemo garde une copie du fichier de clés de cette boîte pour ce cas.',
      'read-only':
        'Cette boîte est en lecture seule pour l’instant : rien ne peut y être installé tant qu’elle n’est pas montée en écriture.',
    },
    dismissRepairs: 'Compris',
    repairedTitle: 'Talemo a fait le ménage après un transfert interrompu :',
    repaired: {
      'journal-damaged': () =>
        'Une note abîmée que Talemo garde sur la boîte a été retirée ; la boîte elle-même a été vérifiée.',
      'install-finished': (pack: string) =>
        `${pack} a fini d’être copié sur la boîte : la copie était complète et vérifiée.`,
      'install-undone': (pack: string) =>
        `${pack} n’avait pas fini d’être copié : la copie partielle a été retirée. Remettez-le sur la boîte.`,
      'remove-finished': (pack: string) => `${pack} a fini d’être retiré.`,
      'hide-finished': (pack: string) => `${pack} a fini d’être masqué.`,
      'show-finished': (pack: string) => `${pack} est de nouveau visible.`,
      'copy-removed': () => 'Une copie inachevée de Talemo a été retirée.',
      'temp-removed': () => 'Un fichier temporaire laissé par Talemo a été retiré.',
      'pack-list-damaged': () =>
        'La liste des packs de la boîte était abîmée à la fin : ses entrées complètes ont été gardées.',
      'pack-listed-twice': (pack: string) =>
        `${pack} figurait deux fois sur la boîte : gardé une seule fois.`,
      'pack-dropped': (pack: string) =>
        `${pack} figurait sur la boîte mais ses fichiers manquaient : retiré de la liste.`,
    },
    packsTitle: 'Sur la boîte, dans l’ordre où l’enfant les entend',
    packsLabel: 'Packs d’histoires sur la boîte',
    noPacks: 'Pas encore d’histoire sur cette boîte.',
    unknownPack: (folderName: string) => `Pack inconnu ${folderName}`,
    place: (position: number) => `N° ${n(position)}`,
    hiddenBadge: 'Masqué',
    nightBadge: 'Mode nuit',
    missingBadge: 'Manquant',
    missingHint: 'La boîte liste ce pack mais ses fichiers ont disparu : retirez-le de la liste.',
    moveUp: '↑ Monter',
    moveUpLabel: (title: string) => `Monter « ${title} »`,
    moveDown: '↓ Descendre',
    moveDownLabel: (title: string) => `Descendre « ${title} »`,
    hide: 'Masquer',
    hideLabel: (title: string) => `Masquer « ${title} » dans la liste de la boîte`,
    show: 'Afficher',
    showLabel: (title: string) => `Afficher de nouveau « ${title} » dans la liste de la boîte`,
    nightMode: 'Mode nuit',
    nightModeLabel: (title: string) => `Mode nuit pour « ${title} »`,
    exportPack: 'Exporter (.zip)',
    exportLabel: (title: string) => `Exporter « ${title} » en pack STUdio`,
    exporting: (title: string) => `Copie de « ${title} » depuis la boîte…`,
    exported: (fileName: string) => `Enregistré sous ${fileName} dans vos téléchargements.`,
    exportStopped: 'Export arrêté : rien n’a été enregistré.',
    exportFailed: 'Le pack n’a pas pu être exporté.',
    remove: 'Retirer',
    removeLabel: (title: string) => `Retirer « ${title} » de la boîte`,
    removeQuestion: (title: string) =>
      `Retirer « ${title} » de la boîte ? Si elle vient de votre bibliothèque, elle y reste.`,
    removeConfirm: 'Oui, la retirer',
    removeCancel: 'La garder',
    saving: 'Enregistrement sur la boîte…',
    changeFailed: 'La boîte n’a pas été modifiée :',

    installTitle: 'Mettre des histoires sur la boîte',
    installHint:
      'Cochez les histoires, puis appuyez sur « Mettre sur la boîte ». Vous pouvez aussi faire glisser une histoire sur une boîte ci-dessus.',
    storiesLabel: 'Histoires de votre bibliothèque',
    storiesLoading: 'Chargement de vos histoires…',
    storiesEmpty: 'Votre bibliothèque ne contient encore aucune histoire.',
    storiesFailed: 'Impossible de lister vos histoires :',
    install: 'Mettre sur la boîte',
    installTo: (name: string) => `Mettre sur la boîte ${name}`,
    pickBox: 'Choisissez d’abord une boîte ci-dessus.',
    boxUnusable: 'Cette boîte ne peut pas recevoir de nouvelles histoires pour le moment.',
    phase: {
      starting: 'Préparation…',
      preparing: (index: number, total: number) => `Préparation de l’histoire ${n(index)} sur ${n(total)}`,
      copying: 'Copie sur la boîte',
      exporting: 'Lecture du pack sur la boîte',
    },
    cancel: 'Annuler',
    cancelling: 'Annulation…',
    cancelled: 'Annulé. La boîte fonctionne toujours : aucune copie à moitié faite n’y est restée.',
    safeToUnplug: '✓ Vous pouvez débrancher',
    installed: (titles: string[]) =>
      titles.length === 1
        ? `« ${titles[0]} » est sur la boîte.`
        : plural('fr', titles.length, {
            one: '# histoire est sur la boîte.',
            other: '# histoires sont sur la boîte.',
          }),
    notSafeYet: 'Attendez avant de débrancher la boîte : Talemo n’a pas encore fini.',
    installFailed: 'Les histoires n’ont pas pu être mises sur la boîte.',
    dismiss: 'Fermer',
  },

  classroom: {
    title: 'Classe : les mêmes histoires sur plusieurs boîtes',
    intro:
      'Pour une classe : cochez les histoires de la sélection et les boîtes à remplir, puis mettez la sélection sur toutes en une fois. Un compte rendu à imprimer suit.',
    storiesLegend: 'Histoires de la sélection',
    boxesLegend: 'Boîtes à remplir',
    noBoxes: 'Pas encore de boîte : branchez les boîtes, ou ajoutez leurs dossiers plus haut.',
    boxChoice: (name: string, serial: string) => `${name}, n° ${serial}`,
    run: (count: number) =>
      count === 0
        ? 'Mettre la sélection sur les boîtes'
        : plural('fr', count, {
            one: 'Mettre la sélection sur # boîte',
            other: 'Mettre la sélection sur # boîtes',
          }),
    needStories: 'Cochez au moins une histoire.',
    needBoxes: 'Cochez au moins une boîte.',
    phase: (box: number, total: number, step: string) => `Boîte ${n(box)} sur ${n(total)} : ${step}`,
    failed: 'La sélection n’a pas pu être mise sur les boîtes :',
    cancelled:
      'Annulé. Les boîtes déjà faites gardent la sélection ; celle en cours de remplissage est restée telle quelle.',
    reportTitle: 'Compte rendu pour la classe',
    reportDate: (date: string) => `Établi le ${date}`,
    reportStories: 'Histoires de la sélection :',
    summary: (done: number, total: number) =>
      `${n(done)} sur ${plural('fr', total, { one: '# boîte', other: '# boîtes' })} ${plural('fr', done, { one: 'a', other: 'ont' })} toute la sélection.`,
    caption: 'Ce que chaque boîte contient maintenant',
    columns: {
      box: 'Boîte',
      result: 'Résultat',
      holds: 'Sur la boîte maintenant',
      added: 'Ajouté cette fois',
      free: 'Espace libre',
    },
    unknownBox: 'Boîte inconnue',
    ok: '✓ Fait',
    notDone: '✗ Pas fait',
    nothingOnBox: 'Aucune histoire',
    nothingAdded: 'Rien d’ajouté',
    alreadyThere: (count: number) =>
      plural('fr', count, {
        one: 'avait déjà # histoire de la sélection',
        other: 'avait déjà # histoires de la sélection',
      }),
    againHint:
      'Corrigez ce qui est indiqué pour les boîtes marquées « Pas fait » (rebranchez la boîte, faites-y de la place), puis remettez la sélection : seul ce qui manque est ajouté.',
    print: 'Imprimer',
    printLabel: 'Imprimer le compte rendu pour la classe',
    close: 'Fermer le compte rendu',
  },

  pagePicture: {
    choose: 'Choisir une image…',
    change: 'Changer l’image…',
    remove: 'Retirer l’image',
    saving: 'Enregistrement de l’image…',
    forPage: (action: string, name: string) => `${action} (« ${name} »)`,
    formats: 'PNG, JPEG ou BMP',
  },
  devicePreview: {
    heading: 'Sur la boîte',
    picture:
      'Ce que l’écran de la boîte montre de cette image : 320 × 240 points, 16 couleurs, rien de coupé.',
    titleCard:
      'Pas d’image sur cette page : la boîte montrera cette carte (le titre de l’histoire et les premiers mots de la page).',
    keepCard: 'Garder cette carte comme image de la page',
    keeping: 'Enregistrement…',
    alt: (name: string) => `Ce que l’écran de la boîte montre pour « ${name} »`,
    show: 'Voir comme sur la boîte',
  },
  player: {
    playButton: '▶ Écouter comme sur la boîte',
    playButtonLabel: 'Écouter cette histoire comme sur une boîte Lunii : molette, OK, Maison et Pause',
    back: '← Retour à l’histoire',
    loading: 'Ouverture de l’histoire…',
    title: (title: string) => `Lecture de « ${title} »`,
    intro:
      'L’histoire se joue comme sur la boîte : tournez la molette pour choisir, appuyez sur OK pour valider. Touches : ← et → tournent la molette, Entrée ou Espace font OK, Échap ou H font Maison, P met en pause.',
    controlsLabel: 'Les boutons de la boîte',
    wheelLeft: 'Tourner la molette vers la gauche',
    wheelRight: 'Tourner la molette vers la droite',
    ok: 'Valider',
    okLabel: 'OK : valider',
    home: 'Maison',
    homeLabel: 'Maison : revenir en arrière',
    pause: 'Mettre en pause',
    resume: 'Reprendre',
    soundLabel: (name: string) => `Son de « ${name} »`,
    soundProgress: 'Son écouté',
    startSound: '▶ Lancer le son',
    soundWaiting: 'Le navigateur attend un clic avant de jouer du son.',
    soundError: (message: string) =>
      `Ce son n’a pas pu être joué (${message}). L’histoire continue sans lui.`,
    notNarrated:
      'Pas encore narrée : cette page n’a pas de son, son texte est donc affiché. Elle passe à la suite d’elle-même après quelques secondes (ou appuyez sur OK).',
    pathTitle: 'Chemin parcouru',
    choice: (position: number, count: number, name: string) =>
      `Choix ${n(position)} sur ${n(count)} : ${name}`,
    nowPlaying: (name: string) => `En cours : ${name}`,
    paused: (name: string) => `En pause : ${name}`,
    ended: 'Fin. La boîte revient à son menu.',
    stopped: 'Maison : la boîte est revenue à son menu.',
    again: 'Rejouer depuis le début',
    problem: (name: string, detail: string) =>
      `L’histoire ne peut pas continuer après « ${name} » : ${detail}`,
    missingAction: (id: string) => `elle mène à ${id}, qui n’est pas un choix de cette histoire.`,
    missingStage: (id: string) => `elle propose ${id}, qui n’est pas une page de cette histoire.`,
    badOption: (option: number, count: number) =>
      `elle choisit l’option ${n(option)} d’un choix qui en a ${n(count)}.`,
    conte: '☾ Mode Conte (son seul)',
    conteHint: 'Un écran noir, le son seul et de grands boutons, comme la boîte au coucher.',
    conteLabel: 'Mode Conte : son seul',
    conteExit: 'Quitter le mode Conte',
  },

  familyCloud: {
    membersTitle: (kind: 'family' | 'school') => (kind === 'family' ? 'Votre famille' : 'Votre école'),
    membersIntro:
      'Toutes ces personnes partagent les histoires de cette famille ou de cette école sur le cloud. Ce que chacune peut faire dépend de son rôle.',
    loading: 'Lecture des membres de la famille…',
    loadFailed: (message: string) => `La famille n’a pas pu être lue : ${message}`,
    retry: 'Réessayer',
    membersLabel: 'Membres',
    noEmail: 'Connecté sans adresse e-mail',
    you: '(vous)',
    joined: (date: string) => `arrivé le ${date}`,
    roles: {
      admin: {
        name: 'Administrateur',
        does: 'Peut tout faire : inviter et retirer des personnes, télécharger ou effacer les données de la famille.',
      },
      parent_creator: {
        name: 'Parent créateur',
        does: 'Écrit et synchronise des histoires, invite des personnes, gère les enfants et leurs accords.',
      },
      teacher: {
        name: 'Enseignant',
        does: 'Écrit et synchronise des histoires et invite des personnes ; voit les enfants.',
      },
      kids_listen_only: { name: 'Auditeur', does: 'Peut seulement écouter les histoires ; ne change rien.' },
    } as Record<string, { name: string; does: string }>,
    remove: (who: string) => `Retirer ${who}`,
    removeShort: 'Retirer',
    removeConfirm: (who: string) =>
      `Retirer ${who} de la famille ? Ses ordinateurs cessent aussitôt de se synchroniser avec elle. Ses propres histoires restent sur ses ordinateurs.`,
    removeYes: 'Oui, retirer',
    removeNo: 'Garder',
    removing: 'Retrait…',
    invitationsTitle: 'Invitations envoyées',
    invitationsNone: 'Aucune invitation envoyée pour l’instant.',
    invitationsHidden: 'Seules les personnes qui peuvent inviter voient les invitations.',
    invitation: (role: string, status: string, until: string) => `${role} : ${status} (jusqu’au ${until})`,
    invitationStatus: {
      pending: 'en attente',
      accepted: 'utilisée',
      revoked: 'retirée',
      expired: 'expirée',
    } as Record<string, string>,
    withdraw: 'Retirer',
    withdrawLabel: (role: string) => `Retirer l’invitation comme ${role}`,
    inviteTitle: 'Inviter quelqu’un',
    inviteIntro:
      'Talemo crée un code d’invitation. Donnez-le à la personne invitée (par message ou sur papier) : elle le colle en créant son compte et rejoint la famille avec le rôle choisi.',
    inviteRole: 'Son rôle',
    inviteButton: 'Créer un code d’invitation',
    inviting: 'Création du code…',
    inviteCodeTitle: 'Le code d’invitation',
    inviteCodeOnce: (until: string) =>
      `Copiez-le maintenant : Talemo ne le montrera plus. Il sert une seule fois, jusqu’au ${until}. S’il se perd, retirez-le et créez-en un autre.`,
    copy: 'Copier le code',
    copied: 'Copié.',
    done: 'Terminé',
    dataTitle: 'Les données de la famille sur le cloud',
    exportIntro:
      'Téléchargez tout ce que le cloud garde pour cette famille : les membres, les histoires, les accords des enfants, l’historique des changements et les enregistrements, dans un fichier zip de fichiers JSON lisibles.',
    exportButton: 'Télécharger les données de la famille',
    exporting: 'Préparation du fichier…',
    exported: (file: string) => `${file} téléchargé.`,
    eraseTitle: 'Effacer les données de la famille du cloud',
    eraseIntro:
      'Cela supprime définitivement tout ce que le cloud garde pour cette famille, pour tous ses membres : les histoires envoyées, les enfants et leurs accords, les invitations et l’historique. C’est irréversible. Téléchargez d’abord les données si vous pourriez en avoir besoin.',
    eraseKeeps:
      'Les histoires de cet ordinateur restent ici. Tous les ordinateurs de la famille sont déconnectés ; les comptes restent et peuvent créer ou rejoindre une autre famille.',
    eraseType: (name: string) => `Pour confirmer, tapez le nom de la famille : ${name}`,
    eraseButton: 'Effacer les données de la famille du cloud',
    erasing: 'Effacement…',
    eraseNotYet: 'Le bouton fonctionne une fois le nom tapé exactement comme affiché.',
    erased: 'Les données de la famille sont effacées du cloud. Cet ordinateur est déconnecté.',
    adminOnly: 'Seul un administrateur de la famille peut télécharger ou effacer ses données.',
  },

  graph: {
    viewLabel: 'Comment afficher l’histoire',
    tabs: { text: 'Texte', graph: 'Carte' },
    canvasLabel: 'Carte de l’histoire : ses étapes, ses choix et ses flèches',
    hint: 'Faites glisser une case pour la déplacer. Faites glisser depuis → vers une étape ou un choix pour dire ce qui suit, ou depuis « + chemin » vers une étape pour l’ajouter à un choix. Ou sélectionnez une case (clic, ou Tab puis Entrée) et utilisez le panneau.',
    toolbarLabel: 'Outils de la carte',
    addStage: '+ Étape',
    addChoice: '+ Choix',
    newStageName: 'Nouvelle étape',
    newChoiceName: 'Nouveau choix',
    undo: '↶ Annuler',
    redo: '↷ Rétablir',
    status: {
      saved: '✓ Enregistré',
      pending: 'Modifications en attente d’enregistrement…',
      saving: 'Enregistrement…',
      failed: (reason: string) => `Non enregistré : ${reason}`,
      conflict: 'Non enregistré : l’histoire a été modifiée ailleurs',
    },
    retry: 'Réessayer',
    badges: { cover: 'Couverture', end: 'Fin', audio: 'Son', picture: 'Image' },
    noText: '(pas encore de mots)',
    stageLabel: (name: string) => `Étape « ${name} »`,
    choiceLabel: (name: string) => `Choix « ${name} »`,
    noOptions: 'Aucun chemin pour l’instant',
    nextHandle: (name: string) =>
      `Ce qui suit « ${name} » : faites glisser vers une étape ou un choix, ou appuyez pour le choisir dans le panneau`,
    optionHandle: (name: string) =>
      `Ajouter un chemin à « ${name} » : faites glisser vers une étape, ou appuyez pour la choisir dans le panneau`,
    optionHandleText: '+ chemin',
    summaryTitle: (count: number) =>
      plural('fr', count, { one: '# problème sur la carte', other: '# problèmes sur la carte' }),
    summaryNone: '✓ Aucun problème sur la carte.',
    showNode: 'Montrer',
    panelLabel: 'Case sélectionnée',
    panelEmpty:
      'Sélectionnez une case pour la modifier : cliquez dessus, ou allez-y avec Tab et appuyez sur Entrée.',
    name: 'Nom',
    nextGoesTo: 'Ensuite, aller à',
    nowhere: '— nulle part pour l’instant —',
    homeGoesTo: 'Le bouton Maison mène à',
    boxMenu: 'Le menu de la boîte (comme d’habitude)',
    isEnd: 'C’est une fin',
    controlsTitle: 'Les boutons de la boîte sur cette étape',
    controlsHint: 'Les boutons que l’enfant peut utiliser pendant cette étape.',
    controls: {
      wheel: 'Molette : tourner pour choisir',
      ok: 'OK : valider',
      home: 'Maison : revenir',
      pause: 'Pause : arrêter un moment',
      autoplay: 'Continuer tout seul à la fin du son',
    },
    options: 'Chemins proposés',
    moveOptionUp: (name: string) => `Proposer « ${name} » plus tôt sur la molette`,
    moveOptionDown: (name: string) => `Proposer « ${name} » plus tard sur la molette`,
    removeOption: (name: string) => `Retirer le chemin « ${name} »`,
    removeOptionText: 'Retirer',
    addOption: 'Ajouter un chemin',
    addOptionButton: 'Ajouter',
    pickStage: '— choisir une étape —',
    deleteNode: 'Supprimer cette case',
    coverKept: 'La couverture reste : toute histoire commence par elle.',
    missing: (id: string) => `(${id} manquant)`,
    stageChoice: (name: string) => `Étape : ${name}`,
    choiceChoice: (name: string) => `Choix : ${name}`,
    refused: (message: string) => `Ce changement n’a pas été fait : ${message}`,
    problems: 'Problèmes',
  },

  libraryDuplicates: {
    looksLike: 'Ressemble à',
    openOther: (title: string) => `Ouvrir « ${title} », l’histoire à laquelle celle-ci ressemble`,
    warningLabel: (title: string) => `« ${title} » est peut-être un doublon`,
  },

  skipLink: {
    label: 'Aller au contenu de la page',
  },

  yoto: {
    title: 'Lecteurs Yoto',
    intro:
      'Un lecteur Yoto ne joue que ce qui est dans un compte Yoto : envoyer vers Yoto demande donc un compte Yoto et Internet. Tout le reste de Talemo marche sans connexion : les histoires attendent ici, prêtes, jusqu’à pouvoir partir.',
    signIn: {
      unavailable:
        'Talemo ne peut pas encore se connecter à Yoto (il n’a pas de clé d’application Yoto). Les histoires envoyées attendent ici, prêtes, jusqu’à ce que ce soit possible.',
      signedOut: 'Pas connecté à Yoto.',
      signingIn: 'Terminez la connexion sur la page de Yoto, dans l’onglet qui s’est ouvert…',
      signedIn: '✓ Connecté à Yoto',
      button: 'Se connecter à Yoto',
      signOut: 'Se déconnecter de Yoto',
      popupBlocked: 'Votre navigateur a bloqué la page de Yoto. Ouvrez-la ici :',
      openPage: 'la page de connexion de Yoto',
    },
    storyLabel: 'Histoire à envoyer',
    pickStory: 'Choisissez une histoire',
    loadingStories: 'Lecture de la bibliothèque…',
    send: 'Envoyer vers Yoto',
    sending: 'Préparation de la liste de lecture Yoto…',
    sendPhase: {
      starting: 'Préparation…',
      narrating: 'Lecture à voix haute des choix',
      joining: 'Assemblage du son de chaque chapitre',
      encoding: 'Création des MP3 des chapitres',
    },
    queued: (title: string) => `« ${title} » est dans la file d’attente.`,
    cancelled: 'Arrêté : rien n’a été mis en file d’attente.',
    queueTitle: 'File d’envoi',
    queueLabel: 'Histoires en attente pour Yoto, les plus anciennes d’abord',
    empty: 'Rien n’attend pour Yoto.',
    offline: (time: string) => `Yoto est injoignable. Talemo réessaie à ${time}.`,
    state: {
      waiting: 'En attente',
      waitingSignIn: 'En attente d’une connexion à Yoto',
      waitingNetwork: 'En attente d’Internet',
      uploading: 'Envoi du son',
      transcoding: 'Yoto prépare le son',
      saving: 'Enregistrement de la liste de lecture',
      done: '✓ Dans votre compte Yoto',
      failed: 'Échec',
    },
    files: (done: number, total: number) =>
      `${n(done)} fichier${done > 1 ? 's' : ''} envoyé${done > 1 ? 's' : ''} sur ${n(total)}`,
    reason: {
      offline: () =>
        'Talemo n’arrive pas à joindre Yoto : vérifiez la connexion à Internet. Il réessaiera tout seul.',
      timeout: () => 'Yoto n’a pas répondu à temps. Talemo réessaiera tout seul.',
      server: () => 'Yoto est occupé pour l’instant. Talemo réessaiera tout seul.',
      'sign-in': () => 'La connexion à Yoto a expiré : reconnectez-vous à Yoto, puis appuyez sur Réessayer.',
      rejected: (said: string) => `Yoto a refusé cette liste de lecture (${said}).`,
      'bad-response': () =>
        'Yoto a répondu quelque chose que Talemo ne sait pas lire : réessayez un peu plus tard.',
      'transcode-failed': () =>
        'Yoto n’a pas pu préparer l’un des sons : vérifiez la narration de l’histoire, puis réessayez.',
      'invalid-input': () =>
        'Cette histoire ne peut pas aller sur Yoto telle quelle (une image ou une page que Yoto refuse) : vérifiez-la, puis renvoyez-la.',
      cancelled: () => 'L’envoi a été arrêté.',
      damaged: () => 'L’état enregistré de cet envoi est abîmé : retirez-le et renvoyez l’histoire.',
    },
    doneHint: 'Associez-la à une carte « Make Your Own » dans l’application Yoto.',
    cardId: (title: string, id: string) =>
      `Dans l’application Yoto : la liste de lecture « ${title} » (identifiant ${id}).`,
    retry: 'Réessayer',
    retryLabel: (title: string) => `Réessayer d’envoyer « ${title} » vers Yoto`,
    remove: 'Retirer',
    removeLabel: (title: string) => `Retirer « ${title} » de la file Yoto`,
  },

  sdCard: {
    title: 'Autres boîtes',
    intro:
      'La Toniebox, TonUINO et ESPuino lisent les histoires sur une carte SD. Mettez la carte dans cet ordinateur, indiquez où elle se trouve, et Talemo écrit l’histoire là où la boîte la cherche.',
    boxLabel: 'Boîte',
    boxes: {
      tonies: 'Toniebox (carte SD)',
      tonuino: 'TonUINO (carte SD)',
      espuino: 'ESPuino (carte SD)',
    },
    pathLabel: 'Où se trouve la carte SD',
    pathPlaceholder: 'E:\\  ou  /media/sd',
    uidLabel: 'UID de la puce du Tonie',
    uidPlaceholder: 'par ex. E0:04:03:50:0D:0D:3F:47',
    folderLabel: 'Numéro de dossier (1 à 99, vide : le premier libre)',
    storyLabel: 'Histoire',
    write: 'Écrire sur la carte',
    needs: {
      story: 'Choisissez une histoire.',
      path: 'Indiquez où se trouve la carte SD.',
      uid: 'Tapez l’UID de la puce du Tonie.',
      folder: 'Le numéro de dossier est un nombre entier de 1 à 99.',
    },
    phase: {
      copying: 'Copie sur la carte',
      verifying: 'Relecture pour vérifier',
    },
    written: (location: string) => `✓ Écrit et vérifié : ${location}`,
    filesLabel: 'Fichiers écrits',
  },

  graphIssues: {
    'missing-cover': () => 'Cette histoire n’a pas d’étape de couverture : toute histoire commence par une.',
    'duplicate-id': (name: string) =>
      `Deux étapes ont le même identifiant (« ${name} ») : changez celui de l’une d’elles.`,
    'choice-without-target': (name: string) =>
      `Le choix « ${name} » ne propose encore aucun chemin : ajoutez une option.`,
    'unknown-stage': (name: string) =>
      `Une option de « ${name} » mène à une étape qui n’existe plus : retirez-la ou choisissez-en une autre.`,
    'unknown-action': (name: string) =>
      `« ${name} » mène à un choix qui n’existe plus : choisissez la suite.`,
    'option-out-of-range': (name: string) =>
      `« ${name} » mène à une option que son choix n’a plus : choisissez la suite.`,
    'end-with-next': (name: string) =>
      `« ${name} » est marquée comme une fin mais continue aussi : gardez l’un des deux.`,
    'dead-end': (name: string) =>
      `« ${name} » ne mène nulle part : donnez-lui une suite ou marquez-la comme une fin.`,
    unreachable: (name: string) =>
      `« ${name} » est inaccessible depuis la couverture : reliez-y une étape ou un choix.`,
    'trap-cycle': (name: string) =>
      `« ${name} » est dans une boucle sans retour ni fin : ajoutez une fin, ou laissez le bouton Maison marcher sur l’une de ses étapes.`,
  },
  blankStory: {
    title: 'Ou écrivez-la vous-même',
    intro:
      'Partez d’une page blanche : donnez-lui un titre, puis écrivez chaque page et dessinez ses choix sur la carte de l’histoire. Aucun modèle n’est nécessaire.',
    titleLabel: 'Titre de l’histoire',
    placeholder: 'ex. Le petit phare',
    start: 'Commencer une histoire vierge',
    starting: 'Création…',
  },
  badges: {
    ai: '✨ Écrite avec l’IA',
    age: (range: string) => `${range.replace('-', '–')} ans`,
    duration: (seconds: number) =>
      seconds <= 0 ? 'Durée inconnue' : seconds < 60 ? 'Moins d’1 min' : `${n(Math.round(seconds / 60))} min`,
  },

  errors: {
    unknown: 'Un problème est survenu. Veuillez réessayer.',
    byCode: {
      'not-found': () =>
        'Talemo ne le trouve plus (supprimé ou déplacé ?) : revenez à la liste, puis réessayez.',
      conflict: ({ reason, version }) =>
        reason === 'already-installed'
          ? 'Cette histoire est déjà sur la boîte : il n’y a rien de plus à faire.'
          : `Ceci a été modifié ailleurs entre-temps${version === undefined ? '' : ` (version ${n(version)} maintenant)`} : rechargez, puis refaites votre modification.`,
      'invalid-input': ({ reason, status }) =>
        reason === 'unplayable-graph'
          ? 'Cette histoire ne peut pas être jouée telle quelle (une page qu’aucun choix n’atteint ?) : corrigez son plan, puis réessayez.'
          : status !== undefined && status > 0
            ? `Le cloud Talemo a refusé (erreur ${status}).`
            : 'Talemo ne peut pas utiliser ceci tel quel : vérifiez ce que vous avez saisi ou choisi, puis réessayez.',
      'invalid-pack': ({ reason }) =>
        reason === 'not-a-zip'
          ? 'Ce fichier n’est pas un pack STUdio : choisissez le fichier .zip du pack.'
          : reason === 'encrypted'
            ? 'Ce pack est verrouillé (chiffré) : Talemo ne lit que les packs STUdio ouverts.'
            : reason === 'wrong-keys'
              ? 'Ce pack est verrouillé pour une autre boîte : utilisez le pack fait pour celle-ci.'
              : 'Ce pack est abîmé ou incomplet : exportez-le ou téléchargez-le à nouveau, puis importez le nouveau fichier.',
      'too-large': () => 'C’est trop gros pour Talemo : découpez-le en parties plus petites, puis réessayez.',
      cancelled: () => 'Arrêté : rien d’inachevé n’a été gardé.',
      'download-failed': () =>
        'Le téléchargement n’a pas abouti : vérifiez la connexion à Internet, puis réessayez (il reprend là où il s’est arrêté).',
      'no-model': () =>
        'Aucun modèle d’IA n’est installé pour cela : installez-en un depuis la page des modèles d’IA, puis réessayez.',
      'model-unusable': () =>
        'Ce modèle d’IA ne peut pas fonctionner ici (fichier abîmé ou mémoire insuffisante) : supprimez-le et installez-en un plus petit depuis la page des modèles d’IA.',
      'moderation-flagged': ({ findings }) =>
        `La vérification de l’histoire a relevé ${findings === undefined ? 'des passages' : plural('fr', findings, { one: '# passage', other: '# passages' })} à relire : un parent les lit sur la page de l’histoire et l’approuve avant qu’elle aille sur une boîte.`,
      'consent-required': () =>
        'Un parent doit d’abord activer l’accord d’enregistrement dans les réglages de la famille pour la voix de cet enfant.',
      'bad-audio': () =>
        'Ce son est inutilisable (vide, silencieux ou illisible) : enregistrez-le à nouveau ou choisissez un autre fichier.',
      'no-voice': ({ voices }) =>
        voices !== undefined && voices > 0
          ? `Cette voix n’est pas sur cet ordinateur : choisissez-en une autre (${plural('fr', voices, { one: '# voix prête', other: '# voix prêtes' })}).`
          : 'Aucune voix ne peut lire les histoires sur cet ordinateur : installez espeak-ng, ou une voix depuis la page des modèles d’IA.',
      unauthorized: ({ status }) =>
        status === 429
          ? 'Trop d’essais : attendez quelques minutes, puis réessayez.'
          : status === 423
            ? 'Ce compte est bloqué pour un moment : patientez, puis reconnectez-vous.'
            : 'Le cloud Talemo n’a pas accepté cette connexion : reconnectez-vous.',
      'unsupported-device': () =>
        'Talemo ne peut pas écrire sur cette boîte (un modèle ou une version qu’il ne connaît pas) : continuez à l’utiliser avec son application.',
      'no-space': () => 'La boîte est pleine : retirez un pack ou choisissez moins d’histoires.',
      'read-only': () =>
        'La boîte refuse l’écriture (lecture seule) : débranchez-la, rebranchez-la et réessayez.',
      unplugged: () => 'La boîte a été débranchée : rebranchez-la ; Talemo terminera ou annulera la copie.',
      'verify-failed': () =>
        'La copie ne s’est pas relue correctement : réessayez ; si cela recommence, essayez un autre câble ou port USB.',
      internal: () =>
        'Un problème est survenu dans Talemo : réessayez ; si cela continue, redémarrez Talemo.',
    },
  },
};
