// The kinds of parental consent a child can have. Each one gates a different flow of the
// child's data, so a parent can allow the app but not recordings, or recordings but not sync.
export const CONSENT_KINDS = ['app_usage', 'data_processing', 'recording', 'cloud_sync'] as const;

export type ConsentKind = (typeof CONSENT_KINDS)[number];

export const CONSENT_DESCRIPTIONS: Record<ConsentKind, string> = {
  app_usage: 'the child may use the app',
  data_processing: 'the child’s data may be processed (stories, listening history)',
  recording: 'the child’s voice may be recorded',
  cloud_sync: 'the child’s data may be copied to the cloud',
};
