/**
 * `talemo yoto send|queue|rm`: Yoto uploads. A Yoto card only points at a playlist in the
 * parent's Yoto account, so `send` makes the story into a playlist offline and queues it in the
 * library; `queue` shows what waits and why; `rm` takes a job out. Uploading needs a Yoto
 * sign-in the app does not have yet: until then the jobs wait, and say so.
 */
import type { YotoQueuedJob } from '../../core/packs/yoto-send';
import { UsageError, type CliCommand, type CliContext } from '../cli-command';

const ACTIONS = ['send', 'queue', 'rm'] as const;
type Action = (typeof ACTIONS)[number];

export const yotoCommand: CliCommand = {
  name: 'yoto',
  usage: 'talemo yoto send <storyId> [--json] | queue [--json] | rm <id>',
  summary: 'queue stories for your Yoto account, and see the queue',
  options: {},
  async run(context) {
    const [action, ...args] = context.positionals;
    if (!action || !(ACTIONS as readonly string[]).includes(action))
      throw new UsageError(`say what to do: ${ACTIONS.join(', ')}`);
    await RUNNERS[action as Action](context, args);
  },
};

// Why loaded on use: making the playlist pulls in the audio and speech code.
const yotoSend = () => import('../../core/packs/yoto-send');

const RUNNERS: Record<Action, (context: CliContext, args: string[]) => Promise<void>> = {
  send: async (context, args) => {
    if (args.length !== 1) throw new UsageError('give exactly one story id to send to Yoto');
    const { queueStoryForYoto } = await yotoSend();
    const job = await queueStoryForYoto(await context.core(), args[0]!, {
      signal: context.signal,
      onProgress: context.progress,
    });
    if (context.json) return context.out(JSON.stringify(job, null, 2));
    context.out(`Queued "${job.title}" for Yoto as ${job.id} (${files(job.filesTotal)}).`);
    context.out(job.message);
  },
  queue: async (context, args) => {
    if (args.length > 0) throw new UsageError('yoto queue takes no arguments');
    const { listYotoJobs } = await yotoSend();
    const jobs = await listYotoJobs(await context.core());
    if (context.json) return context.out(JSON.stringify({ jobs }, null, 2));
    if (jobs.length === 0)
      return context.out('Nothing waits for Yoto. Queue a story with: talemo yoto send <storyId>');
    for (const job of jobs) context.out(jobLine(job));
  },
  rm: async (context, args) => {
    if (args.length !== 1) throw new UsageError('give exactly one job id to remove (see talemo yoto queue)');
    const { removeYotoJob } = await yotoSend();
    const removed = await removeYotoJob(await context.core(), args[0]!);
    if (context.json) return context.out(JSON.stringify({ removed }));
    context.out(removed ? `Removed ${args[0]} from the Yoto queue.` : `No Yoto job ${args[0]} in the queue.`);
  },
};

function jobLine(job: YotoQueuedJob): string {
  return `${job.id}  ${job.state.padEnd(11)} ${job.filesDone}/${files(job.filesTotal)}  "${job.title}"${job.queuedAt ? `  queued ${job.queuedAt}` : ''}\n    ${job.message}`;
}

function files(count: number): string {
  return `${count} file${count === 1 ? '' : 's'}`;
}
