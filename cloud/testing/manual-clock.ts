// A clock tests move by hand, to expire tokens, invitations and lockouts without waiting.
import type { Clock } from '../auth/clock.js';

export class ManualClock {
  #now: number;

  constructor(start: Date = new Date()) {
    this.#now = start.getTime();
  }

  readonly clock: Clock = () => new Date(this.#now);

  advance(seconds: number): void {
    this.#now += seconds * 1000;
  }
}
