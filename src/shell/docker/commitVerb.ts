/**
 * `docker commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]` (docker/cli cli/command/container/commit.go): flags
 * before the arguments (not interspersed), `-c` repeatable, `-p` on by default; prints the new image's ID.
 */
import { commit } from '../../sim/docker/commit';
import { last } from './flags';
import { f, fail, type Verb } from './verb';

export const commitVerb: Verb = {
  name: 'commit',
  summary: "Create a new image from a container's changes",
  usage: 'docker commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]',
  stop: true,
  flags: [
    f('author', 'a', true, 'Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")'),
    f('change', 'c', true, 'Apply Dockerfile instruction to the created image', true),
    f('message', 'm', true, 'Commit message'),
    f('pause', 'p', false, 'Pause container during commit (default true)'),
  ],
  run(x) {
    const n = x.p.args.length;
    if (n < 1 || n > 2)
      return fail(
        x.ctx,
        'commit',
        '"docker commit" requires at least 1 and at most 2 arguments.',
        1,
        'docker: ',
      );
    const r = commit(x.d, x.p.args[0]!, {
      ...(x.p.args[1] ? { reference: x.p.args[1] } : {}),
      ...(last(x.p, 'author') ? { author: last(x.p, 'author') } : {}),
      ...(last(x.p, 'message') ? { message: last(x.p, 'message') } : {}),
      changes: x.p.values.change ?? [],
    });
    if (!r.ok) return fail(x.ctx, 'commit', r.error);
    x.ctx.out(r.id + '\n');
    return 0;
  },
};
