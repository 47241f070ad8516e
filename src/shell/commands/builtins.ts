/**
 * Small shell built-ins: help, clear, echo, sleep (lets virtual time pass), cat, ls, jobs, kill (of a job).
 */
import type { CommandDef } from '../types';
import { parseDuration } from '../../sim/engine/clock';
import { TEXT_FILTERS } from '../../sim/util/text/textFilters';
import { shellMessage } from '../messages';

/** The built-ins, in the order `help` lists them. */
export const builtinCommands: readonly CommandDef[] = [
  {
    name: 'help',
    summary: { en: 'List the commands', zh: '列出可用命令' },
    usage: 'help [command]',
    run(ctx) {
      const name = ctx.argv[0];
      const commands = ctx.shell?.commands ?? [];
      const lang = ctx.shell?.lang ?? 'en';
      if (name) {
        const def = commands.find((c) => c.name === name);
        if (!def) {
          ctx.err(shellMessage(lang, 'helpNoSuch', { name }));
          return 1;
        }
        ctx.out(`${def.name} — ${def.summary[lang]}\n${def.usage}\n`);
        return 0;
      }
      ctx.out(shellMessage(lang, 'helpHeader'));
      for (const c of commands) ctx.out(`  ${c.name.padEnd(9)} ${c.summary[lang]}\n`);
      const filters = Object.keys(TEXT_FILTERS).sort();
      ctx.out(shellMessage(lang, 'helpFooter', { filters: filters.join(lang === 'zh' ? '、' : ', ') }));
      return 0;
    },
  },
  {
    name: 'clear',
    summary: { en: 'Clear the terminal', zh: '清空终端' },
    usage: 'clear',
    run(ctx) {
      ctx.out('\x1b[2J\x1b[3J\x1b[H');
      return 0;
    },
  },
  {
    name: 'echo',
    summary: { en: 'Print text', zh: '输出文本' },
    usage: 'echo [-n] [text…]',
    run(ctx) {
      const noNl = ctx.argv[0] === '-n';
      const words = noNl ? ctx.argv.slice(1) : ctx.argv;
      ctx.out(words.join(' ') + (noNl ? '' : '\n'));
      return 0;
    },
  },
  {
    name: 'sleep',
    summary: {
      en: 'Let virtual time pass (same as sim advance)',
      zh: '让虚拟时间流逝（等同于 sim advance）',
    },
    usage: 'sleep <seconds|duration>',
    run(ctx) {
      const a = ctx.argv[0] ?? '';
      const ms = /^\d+(\.\d+)?$/.test(a) ? Number(a) * 1000 : parseDuration(a);
      if (!a || Number.isNaN(ms)) {
        ctx.err(`sleep: invalid time interval '${a}'\n`);
        return 1;
      }
      ctx.cluster.advance(Math.min(ms, 24 * 3_600_000));
      return 0;
    },
  },
  {
    name: 'cat',
    summary: { en: 'Print a file', zh: '显示文件内容' },
    usage: 'cat <file>…',
    run(ctx) {
      if (!ctx.argv.length) {
        ctx.out(ctx.stdin ?? '');
        return 0;
      }
      let code = 0;
      for (const f of ctx.argv) {
        const t = ctx.fs.read(f);
        if (t === undefined) {
          ctx.err(`cat: ${f}: No such file or directory\n`);
          code = 1;
        } else ctx.out(t);
      }
      return code;
    },
  },
  {
    name: 'ls',
    summary: { en: 'List files', zh: '列出文件' },
    usage: 'ls [dir]',
    run(ctx) {
      const dir = ctx.argv.find((a) => !a.startsWith('-')) ?? '';
      if (!ctx.fs.isDir(dir)) {
        if (ctx.fs.read(dir) !== undefined) {
          ctx.out(dir + '\n');
          return 0;
        }
        ctx.err(`ls: cannot access '${dir}': No such file or directory\n`);
        return 2;
      }
      const names = ctx.fs.list(dir);
      if (names.length) ctx.out(names.join('\n') + '\n');
      return 0;
    },
  },
  {
    name: 'jobs',
    summary: { en: 'List the background jobs (started with &)', zh: '列出后台作业（以 & 启动）' },
    usage: 'jobs',
    run(ctx) {
      ctx.out(ctx.shell?.jobs() ?? '');
      return 0;
    },
  },
  {
    name: 'kill',
    summary: { en: 'Stop a background job: kill %N', zh: '停止后台作业：kill %N' },
    usage: 'kill %N',
    run(ctx) {
      const args = ctx.argv.filter((a) => !/^-(\d+|[A-Z]+)$/.test(a));
      if (!args.length) {
        ctx.err(
          'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n',
        );
        return 2;
      }
      let code = 0;
      for (const a of args) {
        const m = /^%(\d+)$/.exec(a);
        if (m) {
          if (!ctx.shell?.killJob(Number(m[1]))) {
            ctx.err(`bash: kill: ${a}: no such job\n`);
            code = 1;
          }
        } else if (/^\d+$/.test(a)) {
          if (ctx.shell?.killJob(Number(a), true)) continue;
          ctx.err(`bash: kill: (${a}) - No such process\n`);
          code = 1;
        } else {
          ctx.err(`bash: kill: ${a}: arguments must be process or job IDs\n`);
          code = 1;
        }
      }
      return code;
    },
  },
];
