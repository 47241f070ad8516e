/**
 * Image verbs: pull, push, images, rmi, tag, history, build.
 */
import { build } from '../../sim/docker/build';
import { parseImageRef } from '../../sim/runtime/imageRef';
import { parsePlatform } from '../../sim/docker/platform';
import { last } from './flags';
import { ago } from './format';
import { humanSize } from '../../sim/util/units';
import { f, fail, readTree, type Verb } from './verb';
import { imagesVerb } from './imagesVerb';
import { checkFields, formatRows } from './template';

const HISTORY_TABLE = 'table {{.ID}}\\t{{.CreatedSince}}\\t{{.CreatedBy}}\\t{{.Size}}\\t{{.Comment}}';
const HISTORY_TABLE_RAW = 'table {{.ID}}\\t{{.CreatedAt}}\\t{{.CreatedBy}}\\t{{.Size}}\\t{{.Comment}}';
const HISTORY_HEADERS: Record<string, string> = {
  ID: 'IMAGE',
  CreatedSince: 'CREATED',
  CreatedAt: 'CREATED AT',
  CreatedBy: 'CREATED BY',
  Size: 'SIZE',
  Comment: 'COMMENT',
};

export const imageVerbs: Verb[] = [
  {
    name: 'pull',
    summary: 'Download an image from a registry',
    usage: 'docker pull [OPTIONS] NAME[:TAG|@DIGEST]',
    flags: [
      f('platform', undefined, true, 'Set platform if server is multi-platform capable'),
      f('quiet', 'q', false, 'Suppress verbose output'),
    ],
    run(x) {
      const ref = x.p.args[0];
      if (!ref) return fail(x.ctx, 'pull', '"docker pull" requires exactly 1 argument.', 1, 'docker: ');
      const plat = last(x.p, 'platform');
      const arch = plat ? parsePlatform(plat) : undefined;
      if (plat && !arch)
        return fail(x.ctx, 'pull', `"${plat}": unknown operating system or architecture: invalid argument`);
      x.d.hop('docker-cli', 'dockerd', 'POST', `/images/create?fromImage=${ref}`);
      const r = x.d.pull(ref, { platform: arch });
      if (!r.ok) return fail(x.ctx, 'pull', r.error);
      if (x.p.bools.has('quiet')) x.ctx.out(r.ref.full + '\n');
      else x.ctx.out([...r.lines, r.ref.full].join('\n') + '\n');
      return 0;
    },
  },
  {
    name: 'push',
    summary: 'Upload an image to a registry',
    usage: 'docker push [OPTIONS] NAME[:TAG]',
    flags: [
      f('all-tags', 'a', false, 'Push all tags of an image to the repository'),
      f('disable-content-trust', undefined, false, 'Skip image signing (default true)'),
      f('quiet', 'q', false, 'Suppress verbose output'),
    ],
    run(x) {
      const ref = x.p.args[0];
      if (x.p.args.length !== 1)
        return fail(x.ctx, 'push', '"docker push" requires exactly 1 argument.', 1, 'docker: ');
      const named = parseImageRef(ref!);
      if (!named.ok) return fail(x.ctx, 'push', named.message);
      // cli/command/image/push.go: a name alone means `latest` (said unless quiet); -a takes no tag
      const nameOnly = !named.ref.digest && !/:[\w][\w.-]*$/.test(ref!.split('/').pop() ?? '');
      const all = x.p.bools.has('all-tags');
      const quiet = x.p.bools.has('quiet');
      if (all && !nameOnly) return fail(x.ctx, 'push', "tag can't be used with --all-tags/-a");
      if (nameOnly && !all && !quiet) x.ctx.out('Using default tag: latest\n');
      x.d.hop('docker-cli', 'dockerd', 'POST', `/images/${ref}/push`);
      const repo = named.ref.familiarRepo;
      const tags = all
        ? Object.values(x.d.rt.host(x.d.host).images)
            .flatMap((m) => m.repoTags)
            .filter((t) => t.slice(0, t.lastIndexOf(':')) === repo)
            .sort()
        : [ref!];
      if (!tags.length) return fail(x.ctx, 'push', `An image does not exist locally with the tag: ${repo}`);
      const lines: string[] = [];
      for (const [i, t] of tags.entries()) {
        const r = x.d.push(t);
        if (!r.ok) {
          if (!quiet) x.ctx.out(lines.map((l) => l + '\n').join(''));
          return fail(x.ctx, 'push', r.error);
        }
        // one `The push refers to repository` line for the repository, then each tag's layers
        lines.push(...(i === 0 ? r.lines : r.lines.slice(1)));
      }
      x.ctx.out(quiet ? `${named.ref.full}\n` : lines.join('\n') + '\n');
      return 0;
    },
  },
  imagesVerb,
  {
    name: 'rmi',
    summary: 'Remove one or more images',
    usage: 'docker rmi [OPTIONS] IMAGE [IMAGE...]',
    flags: [f('force', 'f', false, 'Force removal of the image')],
    run(x) {
      if (!x.p.args.length)
        return fail(x.ctx, 'rmi', '"docker rmi" requires at least 1 argument.', 1, 'docker: ');
      let code = 0;
      for (const ref of x.p.args) {
        const r = x.d.rmi(ref, x.p.bools.has('force'));
        if (r.ok) x.ctx.out(r.lines.join('\n') + '\n');
        else {
          x.ctx.err(r.error + '\n');
          code = 1;
        }
      }
      return code;
    },
  },
  {
    name: 'tag',
    summary: 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE',
    usage: 'docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]',
    flags: [],
    run(x) {
      const [src, dst] = x.p.args;
      if (!src || !dst)
        return fail(x.ctx, 'tag', '"docker tag" requires exactly 2 arguments.', 1, 'docker: ');
      const r = x.d.tag(src, dst);
      return r.ok ? 0 : fail(x.ctx, 'tag', r.error);
    },
  },
  {
    name: 'history',
    summary: 'Show the history of an image',
    usage: 'docker history [OPTIONS] IMAGE',
    flags: [
      f('format', undefined, true, 'Format output using a custom template'),
      f('human', 'H', false, 'Print sizes and dates in human readable format (default true)'),
      f('no-trunc', undefined, false, "Don't truncate output"),
      f('quiet', 'q', false, 'Only show image IDs'),
    ],
    run(x) {
      const ref = x.p.args[0];
      if (!ref) return fail(x.ctx, 'history', '"docker history" requires exactly 1 argument.', 1, 'docker: ');
      const img = x.d.rt.localImage(x.d.host, ref);
      if (!img)
        return fail(x.ctx, 'history', `Error response from daemon: No such image: ${x.d.familiar(ref)}`);
      // docker/cli cli/command/image/formatter_history.go: the table, -q as {{.ID}}, --human=false
      const human = !x.p.off.has('human');
      const trunc = !x.p.bools.has('no-trunc');
      let format = last(x.p, 'format') || 'table';
      if (format === 'table')
        format = x.p.bools.has('quiet') ? '{{.ID}}' : human ? HISTORY_TABLE : HISTORY_TABLE_RAW;
      const bad = checkFields(format, HISTORY_HEADERS, '*image.historyContext');
      if (bad) return fail(x.ctx, 'history', bad);
      let li = 0;
      const entries = img.history.map((hEntry) => {
        const size = hEntry.emptyLayer ? 0 : (x.d.rt.layer(img.layers[li++] ?? '')?.size ?? 0);
        return { hEntry, size };
      });
      const rows = entries.reverse().map(({ hEntry, size }, i) => {
        const by = hEntry.createdBy.replace(/[\t\n]/g, ' ');
        const at = x.ctx.cluster.fromIso(hEntry.created);
        const iso = x.ctx.cluster.iso(at).replace(/\.\d+Z$/, 'Z');
        const id = i === 0 ? img.id : '<missing>';
        return {
          ID: trunc && i === 0 ? id.slice(7, 19) : id,
          CreatedSince: human ? ago(x.ctx.cluster.now - at) : iso,
          CreatedAt: iso,
          CreatedBy: trunc && by.length > 45 ? by.slice(0, 44) + '…' : by,
          Size: human ? humanSize(size) : String(size),
          Comment: hEntry.comment ?? '',
        };
      });
      const r = formatRows(format, rows, HISTORY_HEADERS, HISTORY_TABLE);
      if (!r.ok) return fail(x.ctx, 'history', r.error);
      x.ctx.out(r.text);
      return 0;
    },
  },
  {
    name: 'build',
    summary: 'Build an image from a Dockerfile',
    usage: 'docker build [OPTIONS] PATH',
    flags: [
      f('tag', 't', true, "Name and optionally a tag in the 'name:tag' format", true),
      f('file', 'f', true, "Name of the Dockerfile (Default is 'PATH/Dockerfile')"),
      f('build-arg', undefined, true, 'Set build-time variables', true),
      f('no-cache', undefined, false, 'Do not use cache when building the image'),
      f('target', undefined, true, 'Set the target build stage to build'),
      f('progress', undefined, true, 'Set type of progress output (auto, plain, tty)'),
      f('quiet', 'q', false, 'Suppress the build output and print image ID on success'),
    ],
    run(x) {
      const dir = x.p.args[0];
      if (!dir) return fail(x.ctx, 'build', '"docker build" requires exactly 1 argument.', 1, 'ERROR: ');
      const root = dir === '.' || dir === './' ? '.' : dir.replace(/\/+$/, '').replace(/^\.\//, '');
      if (root !== '.' && !x.ctx.fs.isDir(root))
        return fail(x.ctx, 'build', `ERROR: unable to prepare context: path "${dir}" not found`);
      const context = readTree(x.ctx.fs, root);
      const fileArg = last(x.p, 'file') ?? 'Dockerfile';
      const dfPath =
        fileArg === '-'
          ? undefined
          : last(x.p, 'file')
            ? fileArg
            : root === '.'
              ? fileArg
              : `${root}/${fileArg}`;
      const dockerfile = fileArg === '-' ? x.ctx.stdin : (x.ctx.fs.read(dfPath!) ?? context[fileArg]);
      if (dockerfile === undefined) {
        return fail(
          x.ctx,
          'build',
          `ERROR: failed to solve: failed to read dockerfile: open ${fileArg}: no such file or directory`,
        );
      }
      const buildArgs: Record<string, string> = {};
      for (const a of x.p.values['build-arg'] ?? []) {
        const i = a.indexOf('=');
        if (i > 0) buildArgs[a.slice(0, i)] = a.slice(i + 1);
      }
      const r = build(x.d, {
        dockerfile,
        dockerfileName: fileArg.split('/').pop()!,
        context,
        tags: x.p.values.tag ?? [],
        buildArgs,
        noCache: x.p.bools.has('no-cache'),
        target: last(x.p, 'target'),
      });
      if (x.p.bools.has('quiet') && r.ok) x.ctx.out(r.imageId + '\n');
      else if (r.ok) x.ctx.out(r.lines.join('\n') + '\n');
      else x.ctx.err(r.lines.join('\n') + '\n');
      return r.ok ? 0 : 1;
    },
  },
  {
    name: 'image-prune',
    hidden: true,
    summary: 'Remove unused images',
    usage: 'docker image prune [OPTIONS]',
    flags: [
      f('all', 'a', false, 'Remove all unused images, not just dangling ones'),
      f('force', 'f', false, 'Do not prompt for confirmation'),
    ],
    run(x) {
      const all = x.p.bools.has('all');
      x.ctx.out(
        all
          ? 'WARNING! This will remove all images without at least one container associated to them.\n'
          : 'WARNING! This will remove all dangling images.\n',
      );
      if (!x.p.bools.has('force')) {
        x.ctx.out('Are you sure you want to continue? [y/N] ');
        if (!/^y/i.test((x.ctx.stdin ?? '').trim())) {
          x.ctx.out('\n');
          return 1;
        }
        x.ctx.out('\n');
      }
      const d = x.d;
      const h = d.rt.host(d.host);
      const inUse = new Set(Object.values(d.st.containers).map((m) => d.rt.record(m.id)?.imageId));
      const lines: string[] = [];
      let bytes = 0;
      for (const [id, meta] of Object.entries(h.images)) {
        if (inUse.has(id) || (!all && meta.repoTags.length)) continue;
        for (const t of meta.repoTags) lines.push(`untagged: ${t}`);
        const removed = d.rt.deleteImage(d.host, id);
        lines.push(`deleted: ${id}`);
        for (const l of removed) {
          bytes += d.rt.layer(l)?.size ?? 0;
          lines.push(`deleted: ${l}`);
        }
      }
      if (lines.length) x.ctx.out(`Deleted Images:\n${lines.join('\n')}\n\n`);
      x.ctx.out(`Total reclaimed space: ${humanSize(bytes)}\n`);
      return 0;
    },
  },
];
