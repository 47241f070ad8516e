/**
 * `kubectl`: a table of verbs (one file each). Help, completion and `--help` come from the same table.
 */
import type { CommandContext, CommandDef } from '../types';
import { KubectlError } from './errors';
import { rootHelp, verbHelp } from './help';
import { suggest } from './resources';
import { GLOBAL_FLAGS, parseFlags, type KubectlContext, type VerbDef } from './verb';
import { verbs } from './verbs';
import { contextNamespace } from './kubeconfig';

function findVerb(list: VerbDef[], name: string): VerbDef | undefined {
  return list.find((v) => v.name === name || v.aliases?.includes(name));
}

function unknownCommand(name: string, path: string, candidates: string[]): never {
  const sug = suggest(name, candidates);
  let msg = `error: unknown command "${name}" for "${path}"`;
  if (sug.length) msg += `\n\nDid you mean this?\n${sug.map((s) => `\t${s}\n`).join('')}`;
  throw new KubectlError(msg);
}

export function runKubectl(ctx: CommandContext): number {
  try {
    const argv = [...ctx.argv];
    // Global flags may come before the verb: `kubectl -n kube-system get pods`.
    const lead: string[] = [];
    while (argv.length && argv[0]!.startsWith('-')) {
      const a = argv.shift()!;
      lead.push(a);
      const f = GLOBAL_FLAGS.find((g) => `--${g.name}` === a || `-${g.short}` === a);
      if (f?.value && argv.length) lead.push(argv.shift()!);
    }
    if (!argv.length) {
      if (lead.includes('--version')) ctx.argv = ['version', '--client'];
      ctx.out(rootHelp(verbs));
      return 0;
    }
    const name = argv.shift()!;
    let verb = findVerb(verbs, name);
    if (!verb)
      unknownCommand(
        name,
        'kubectl',
        verbs.map((v) => v.name),
      );
    let path = verb.name;
    // Sub-verbs: `rollout status`, `config view`, `create deployment`.
    while (verb.subcommands?.length && argv.length && !argv[0]!.startsWith('-')) {
      const sub = findVerb(verb.subcommands, argv[0]!);
      if (!sub) {
        if (verb.run) break;
        unknownCommand(
          argv[0]!,
          `kubectl ${path}`,
          verb.subcommands.map((v) => v.name),
        );
      }
      argv.shift();
      verb = sub;
      path += ` ${sub.name}`;
    }
    const parsed = parseFlags([...lead, ...argv], verb.flags, path);
    if (parsed.flags.get('help') === 'true' || !verb.run) {
      ctx.out(verbHelp(verb, path));
      return 0;
    }
    const ns = parsed.flags.get('namespace');
    // out/err delegate at call time: a streaming command's later writes go wherever the session points them.
    const k: KubectlContext = {
      ...ctx,
      out: (t) => ctx.out(t),
      err: (t) => ctx.err(t),
      path,
      namespace: ns || contextNamespace(ctx.cluster),
      namespaceSet: ns !== undefined,
    };
    return verb.run(k, parsed);
  } catch (e) {
    if (e instanceof KubectlError) {
      ctx.err(e.text.endsWith('\n') ? e.text : e.text + '\n');
      return e.exitCode;
    }
    throw e;
  }
}

export const kubectl: CommandDef = {
  name: 'kubectl',
  summary: {
    en: 'Run commands against the Kubernetes cluster',
    zh: '对 Kubernetes 集群执行命令',
  },
  usage: 'kubectl [command] [TYPE] [NAME] [flags]',
  subcommands: verbs.map((v) => ({ name: v.name, summary: v.summary.en, flags: v.flags })),
  flags: GLOBAL_FLAGS,
  run: runKubectl,
};

export { verbs };
