/**
 * Whether a TAF may go to a box or a server: its report when it would play, else one sentence
 * saying why not. The SD writer and the TeddyCloud upload refuse on the same grounds, each with
 * its own error type and its own words for what it did not do.
 */
import { TafFormatError } from './taf-errors';
import { inspectTaf, type TafReport } from './taf-inspect';

export type TafFitness =
  | { ok: true; report: TafReport }
  | { ok: false; reason: 'missing' | 'not-taf' | 'problems'; message: string };

/** `refused` ends the sentence for a file that has problems: "so nothing was written". */
export async function tafFitness(tafPath: string, refused: string): Promise<TafFitness> {
  let report: TafReport;
  try {
    report = await inspectTaf(tafPath);
  } catch (error) {
    if (error instanceof TafFormatError)
      return {
        ok: false,
        reason: 'not-taf',
        message: `${tafPath} is not a Tonie audio file: ${error.message}.`,
      };
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { ok: false, reason: 'missing', message: `There is no file ${tafPath}.` };
    throw error;
  }
  if (report.problems.length > 0)
    return {
      ok: false,
      reason: 'problems',
      message: `${tafPath} would not play correctly on a Toniebox, ${refused}: ${report.problems.join('; ')}.`,
    };
  return { ok: true, report };
}
