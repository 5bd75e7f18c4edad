// Time comes from here, not from the database's now(), so tests can move it (lockouts, token
// and invitation expiry) without waiting.
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
