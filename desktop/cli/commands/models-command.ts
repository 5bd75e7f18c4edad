/**
 * `talemo models list|pull|rm`: the model catalogue on this computer. `pull` downloads with
 * progress (resuming what a stopped download left; Ctrl+C stops it and keeps what it has).
 */
import { UsageError, type CliCommand } from '../cli-command';

export const modelsCommand: CliCommand = {
  name: 'models',
  usage: 'talemo models list [--json] | talemo models pull <id> | talemo models rm <id>',
  summary: 'list, install or remove local AI models',
  options: {},
  async run(context) {
    const [action, id, ...extra] = context.positionals;
    if (extra.length > 0) throw new UsageError('one model at a time');
    const core = await context.core();
    switch (action) {
      case 'list': {
        const shelf = await core.shelf.list();
        if (context.json) {
          return context.out(
            JSON.stringify(
              {
                models: shelf.models.map(({ entry, installed, sizeOnDiskBytes, resumableBytes }) => ({
                  id: entry.id,
                  kind: entry.kind,
                  name: entry.name,
                  languages: entry.languages,
                  licence: entry.licence,
                  ramBytes: entry.ramBytes,
                  installed,
                  sizeOnDiskBytes,
                  resumableBytes,
                })),
                recommendation: {
                  id: shelf.recommendation.model?.id ?? null,
                  reason: shelf.recommendation.reason,
                },
              },
              null,
              2,
            ),
          );
        }
        for (const { entry, installed, sizeOnDiskBytes, resumableBytes } of shelf.models) {
          const state = installed
            ? `installed, ${megabytes(sizeOnDiskBytes)}`
            : resumableBytes > 0
              ? `${megabytes(resumableBytes)} downloaded, "pull" resumes`
              : `${megabytes(entry.files.reduce((total, file) => total + (file.sizeBytes ?? 0), 0))} to download`;
          context.out(`${entry.id.padEnd(40)} ${entry.kind.padEnd(9)} ${state}`);
        }
        context.out(`Recommended here: ${shelf.recommendation.reason}`);
        return;
      }
      case 'pull': {
        if (!id) throw new UsageError('say which model to install (see "talemo models list")');
        const model = await core.shelf.pull(id, { signal: context.signal, onProgress: context.progress });
        if (context.json)
          return context.out(
            JSON.stringify({ id, installed: model.installed, sizeOnDiskBytes: model.sizeOnDiskBytes }),
          );
        return context.out(`Installed ${model.entry.name} (${megabytes(model.sizeOnDiskBytes)}).`);
      }
      case 'rm': {
        if (!id) throw new UsageError('say which model to remove');
        const removed = await core.shelf.remove(id);
        if (context.json) return context.out(JSON.stringify({ id, removed }));
        return context.out(removed ? `Removed ${id}.` : `${id} was not installed.`);
      }
      default:
        throw new UsageError('say list, pull <id> or rm <id>');
    }
  },
};

function megabytes(bytes: number): string {
  return `${Math.max(1, Math.round(bytes / 1024 ** 2))} MB`;
}
