/**
 * `docker` in the command language: the docker CLI talking to the simulated daemon (src/sim/docker), with the
 * real CLI's verbs, flags and output formats. Commands that take time (pull, build, stop) let virtual time pass.
 * The verbs live in containerVerbs.ts, imageVerbs.ts and hostVerbs.ts.
 */
import type { CommandContext, CommandDef } from '../types';
import type { DockerDaemon } from '../../sim/docker/daemon';
import { parseFlags } from './flags';
import { commitVerb } from './commitVerb';
import { containerVerbs } from './containerVerbs';
import { hostVerbs } from './hostVerbs';
import { imageVerbs } from './imageVerbs';
import type { Verb } from './verb';

const verbs: Verb[] = [...containerVerbs, commitVerb, ...imageVerbs, ...hostVerbs];

const GROUPS: Record<string, Record<string, string>> = {
  container: {
    ls: 'ps',
    list: 'ps',
    run: 'run',
    create: 'create',
    start: 'start',
    stop: 'stop',
    restart: 'restart',
    kill: 'kill',
    rm: 'rm',
    logs: 'logs',
    exec: 'exec',
    inspect: 'inspect',
    stats: 'stats',
    top: 'top',
    diff: 'diff',
    commit: 'commit',
    port: 'port',
    prune: 'container-prune',
  },
  image: {
    ls: 'images',
    list: 'images',
    pull: 'pull',
    push: 'push',
    rm: 'rmi',
    tag: 'tag',
    history: 'history',
    inspect: 'inspect',
    build: 'build',
    prune: 'image-prune',
  },
  builder: { build: 'build' },
  buildx: { build: 'build' },
};

function help(ctx: CommandContext): number {
  const lines = [
    'Usage:  docker [OPTIONS] COMMAND',
    '',
    'A self-sufficient runtime for containers (simulated by Kubelab)',
    '',
    'Commands:',
  ];
  for (const v of verbs.filter((x) => !x.hidden)) lines.push(`  ${v.name.padEnd(11)} ${v.summary}`);
  lines.push('', "Run 'docker COMMAND --help' for more information on a command.");
  ctx.out(lines.join('\n') + '\n');
  return 0;
}

export const docker: CommandDef = {
  name: 'docker',
  summary: {
    en: 'The Docker client: build, pull and run containers on the simulated Docker host',
    zh: 'Docker 客户端：在模拟的 Docker 宿主机上构建、拉取和运行容器',
  },
  usage: 'docker COMMAND [OPTIONS]',
  subcommands: verbs
    .filter((v) => !v.hidden)
    .map((v) => ({ name: v.name, summary: v.summary, flags: v.flags })),
  flags: [],
  run(ctx) {
    let argv = [...ctx.argv];
    if (!argv.length || argv[0] === '--help' || argv[0] === 'help') return help(ctx);
    if (argv[0] === '--version' || argv[0] === '-v') {
      ctx.out('Docker version 27.3.1, build ce12230\n');
      return 0;
    }
    const group = GROUPS[argv[0]!];
    if (group) {
      const mapped = argv[1] ? group[argv[1]] : undefined;
      if (!mapped) {
        ctx.err(`docker: '${argv[0]} ${argv[1] ?? ''}' is not a docker command.\nSee 'docker --help'\n`);
        return 1;
      }
      argv = [mapped, ...argv.slice(2)];
    }
    const verb = verbs.find(
      (v) => (v.name === argv[0] || v.aliases?.includes(argv[0]!)) && (!v.hidden || !!group),
    );
    if (!verb) {
      ctx.err(`docker: '${argv[0]}' is not a docker command.\nSee 'docker --help'\n`);
      return 1;
    }
    const rest = argv.slice(1);
    if (rest[0] === '--help') {
      const lines = [`Usage:  ${verb.usage}`, '', verb.summary, '', 'Options:'];
      for (const fl of verb.flags)
        lines.push(
          `  ${fl.short ? `-${fl.short}, ` : '    '}--${fl.name}${fl.value ? ' string' : ''}`.padEnd(32) +
            fl.help,
        );
      ctx.out(lines.join('\n') + '\n');
      return 0;
    }
    const parsed = parseFlags(rest, verb.flags, !!verb.stop);
    if (!parsed.ok) {
      ctx.err(`${parsed.error}\nSee 'docker ${verb.name} --help'.\n`);
      return 125;
    }
    const d: DockerDaemon | undefined = ctx.cluster.docker;
    if (!d) {
      ctx.err(
        'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n',
      );
      return 1;
    }
    return verb.run({ ctx, d, p: parsed.p, verb: verb.name });
  },
};
