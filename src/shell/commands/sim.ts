/**
 * `sim`: what only a simulator can do — reset, let time pass, add or fail nodes, crash containers, apply load.
 * A stable contract that lessons and instructors' scripts depend on (DESIGN.md).
 */
import type { CommandDef, CommandContext, FlagDef } from '../types';
import { parseDuration } from '../../sim/engine/clock';
import { lastValue, parseArgv } from '../../sim/util/flags';
import { shellMessage } from '../messages';
import { simWhy } from './simWhy';

export const SIM_USAGE = `Usage:
  sim reset [--workers N] [--cpu C] [--memory M] [--seed S]   start over with a fresh cluster
  sim advance <duration>                                      let time pass (500ms, 30s, 5m, 1h)
  sim time                                                    print the virtual clock
  sim node add <name> [--cpu C] [--memory M] [--labels k=v,…] join a new worker node
  sim node fail <name>                                        power loss: no heartbeats, no status
  sim node recover <name>                                     power back on
  sim crash <pod> [-c container] [--exit-code N] [-n ns]     crash a container
  sim load <kind>/<name> --cpu <quantity> [-n ns]            CPU demand spread over the ready pods (0 stops it)
  sim iptables <node>                                         the node's NAT table, iptables-save style
  sim why <pod> [-n ns]                                       why the scheduler chose (or refused) each node
`;

const flags: FlagDef[] = [
  { name: 'workers', value: true, help: 'number of worker nodes' },
  { name: 'cpu', value: true, help: 'CPU per node, or load to apply' },
  { name: 'memory', value: true, help: 'memory per node' },
  { name: 'seed', value: true, help: 'seed of the random generator' },
  { name: 'labels', value: true, help: 'node labels k=v,…' },
  { name: 'container', short: 'c', value: true, help: 'container name' },
  { name: 'exit-code', value: true, help: 'exit code of the crash' },
  { name: 'namespace', short: 'n', value: true, help: 'namespace', complete: 'namespace' },
];

/**
 * Splits argv into positionals and `--flag value` / `--flag=value` pairs (Go `flag` style: one dash or two,
 * through the one parser of src/sim/util/flags.ts).
 */
export function parseArgs(
  argv: string[],
  defs: FlagDef[],
): { pos: string[]; opts: Record<string, string | true>; error?: string } {
  const r = parseArgv(argv, defs, { style: 'go' });
  if (!r.ok) {
    const e = r.error;
    const error =
      e.k === 'needs-value' || e.k === 'needs-value-short'
        ? `flag needs an argument: ${e.word}`
        : `unknown flag: ${e.k === 'bad-bool' ? `--${e.name}` : e.word.split('=')[0]}`;
    return { pos: [], opts: {}, error };
  }
  const opts: Record<string, string | true> = {};
  for (const d of defs) {
    const v = lastValue(r.p, d.name);
    if (v !== undefined) opts[d.name] = d.value ? v : true;
  }
  return { pos: [...r.p.args, ...r.p.rest], opts };
}

function fmtTime(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const frac = ms % 1000 ? `.${String(ms % 1000).padStart(3, '0')}` : '';
  return `${h}h${String(m).padStart(2, '0')}m${String(sec).padStart(2, '0')}${frac}s`;
}

/** The `sim` command. */
export const simCommand: CommandDef = {
  name: 'sim',
  summary: {
    en: 'Control the simulation: reset, time, nodes, faults, load',
    zh: '控制模拟：重置、时间、节点、故障、负载',
  },
  usage: SIM_USAGE,
  flags,
  subcommands: [
    { name: 'reset', summary: 'start over with a fresh cluster' },
    { name: 'advance', summary: 'let virtual time pass' },
    { name: 'time', summary: 'print the virtual clock' },
    { name: 'node', summary: 'add, fail or recover a node' },
    { name: 'crash', summary: 'crash a container' },
    { name: 'load', summary: 'apply CPU load to a workload' },
    { name: 'iptables', summary: "print a node's NAT table" },
    { name: 'why', summary: "explain a pod's scheduling decision" },
  ],
  run(ctx: CommandContext): number {
    const { pos, opts, error } = parseArgs(ctx.argv, flags);
    const fail = (msg: string) => {
      ctx.err(`error: ${msg}\n`);
      return 1;
    };
    if (error) return fail(`${error}\n${SIM_USAGE}`);
    const [verb, ...args] = pos;
    const c = ctx.cluster;
    const faults = c.faults;
    const ns = typeof opts.namespace === 'string' ? opts.namespace : 'default';
    switch (verb) {
      case 'reset': {
        const n = (k: string) => (typeof opts[k] === 'string' ? Number(opts[k]) : undefined);
        const workers = n('workers');
        const seed = n('seed');
        if (workers !== undefined && (!Number.isInteger(workers) || workers < 0 || workers > 1000))
          return fail('--workers must be a whole number from 0 to 1000');
        if (seed !== undefined && !Number.isInteger(seed)) return fail('--seed must be a whole number');
        if (!ctx.shell) return fail('sim reset needs a shell session');
        const fresh = ctx.shell.reset({
          ...(workers !== undefined ? { workers } : {}),
          ...(seed !== undefined ? { seed } : {}),
          ...(typeof opts.cpu === 'string' ? { cpu: opts.cpu } : {}),
          ...(typeof opts.memory === 'string' ? { memory: opts.memory } : {}),
        });
        const s = fresh.options;
        ctx.out(
          `cluster reset: seed ${s.seed}, ${s.controlPlane ? 'control-plane + ' : ''}${s.workers} worker(s) with ${s.cpu} CPU, ${s.memory} memory each\n`,
        );
        return 0;
      }
      case 'advance': {
        const ms = parseDuration(args[0] ?? '');
        if (!args[0] || Number.isNaN(ms))
          return fail(`invalid duration "${args[0] ?? ''}": use forms like 500ms, 30s, 5m, 1h`);
        if (ms > 24 * 3_600_000) return fail('at most 24h at a time');
        c.advance(ms);
        ctx.out(`time: ${fmtTime(c.now)}\n`);
        return 0;
      }
      case 'time':
        ctx.out(`${fmtTime(c.now)} (${c.iso()})\n`);
        return 0;
      case 'node': {
        const [op, name] = args;
        if (!name) return fail('usage: sim node add|fail|recover <name>');
        const r =
          op === 'add'
            ? faults.addNode(name, {
                ...(typeof opts.cpu === 'string' ? { cpu: opts.cpu } : {}),
                ...(typeof opts.memory === 'string' ? { memory: opts.memory } : {}),
                ...(typeof opts.labels === 'string' ? { labels: opts.labels } : {}),
              })
            : op === 'fail'
              ? faults.failNode(name)
              : op === 'recover'
                ? faults.recoverNode(name)
                : `unknown node operation "${op}": use add, fail or recover`;
        if (r) return fail(r);
        ctx.out(
          `node/${name} ${op === 'add' ? 'added' : op === 'fail' ? 'failed (power loss)' : 'recovered'}\n`,
        );
        return 0;
      }
      case 'crash': {
        const pod = args[0];
        if (!pod) return fail('usage: sim crash <pod> [-c container] [--exit-code N]');
        const code = typeof opts['exit-code'] === 'string' ? Number(opts['exit-code']) : 1;
        if (!Number.isInteger(code) || code < 0 || code > 255) return fail('--exit-code must be 0-255');
        const r = faults.crash(
          ns,
          pod,
          typeof opts.container === 'string' ? opts.container : undefined,
          code,
        );
        if (r) return fail(r);
        ctx.out(`pod/${pod}: container crashed with exit code ${code}\n`);
        return 0;
      }
      case 'load': {
        const target = args[0];
        if (!target || !target.includes('/') || typeof opts.cpu !== 'string')
          return fail('usage: sim load <kind>/<name> --cpu <quantity>');
        const r = faults.load(ns, target, opts.cpu);
        if (r) return fail(r);
        ctx.out(`${target}: CPU demand set to ${opts.cpu}\n`);
        return 0;
      }
      case 'iptables': {
        if (!args[0]) return fail('usage: sim iptables <node>');
        const r = faults.iptables(args[0]);
        if (r.error) return fail(r.error);
        ctx.out(r.text!);
        return 0;
      }
      case 'why': {
        // the one sim verb whose answer is prose: it speaks the learner's language
        const lang = ctx.shell?.lang ?? 'en';
        const r = simWhy(c, lang, ns, args[0]);
        if (r.error) {
          ctx.err(`${shellMessage(lang, 'errorPrefix')}${r.error}\n`);
          return 1;
        }
        ctx.out(r.text!);
        return 0;
      }
      case undefined:
      case 'help':
        ctx.out(SIM_USAGE);
        return verb ? 0 : 1;
      default:
        return fail(`unknown sim command "${verb}"\n${SIM_USAGE}`);
    }
  },
};
