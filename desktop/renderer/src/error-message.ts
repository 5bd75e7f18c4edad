/** Turns whatever a call threw into words a parent can read. */
import { ContractError } from '../../api/contract';
import { strings } from './strings';

export function errorMessage(error: unknown): string {
  if (error instanceof ContractError) {
    return error.code === 'transport' ? `${error.message} ${strings.transportHint}` : error.message;
  }
  return strings.errors.unknown;
}

export function isConflict(error: unknown): boolean {
  return error instanceof ContractError && error.code === 'conflict';
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ContractError && error.code === 'not-found';
}

export function isCancelled(error: unknown): boolean {
  return error instanceof ContractError && error.code === 'cancelled';
}

/** The core's code for a failure ('no-model', 'moderation-flagged', …), or null for anything else. */
export function errorCode(error: unknown): string | null {
  return error instanceof ContractError ? error.code : null;
}
