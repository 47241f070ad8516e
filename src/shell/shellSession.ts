/**
 * A shell session over a cluster: the terminal and the headless runner share it. It runs lines and scripts,
 * keeps history, completes words, and owns the cluster (which `sim reset` replaces). It receives its command
 * table (session.ts composes it) and gives each command a {@link CommandContext}, never itself.
 */
import type { Cluster, ClusterOptions } from '../sim/cluster';
import { createSim } from '../sim/createSim';
import { Listeners } from '../sim/util/listeners';
import type { CommandDef } from './types';
import type { CommandContext, ShellControl, VirtualFs } from './commandContext';
import { splitScript, parseLine, quoteWord, type SimpleCommand } from './parse';
import { substitute } from './substitution';
import { JobTable, type Job } from './jobs';
import { memoryFs } from './memoryFs';
import { shellMessage, type ShellLang } from './messages';
import { completeLine } from './complete';
import { TEXT_FILTERS, type TextFilter } from '../sim/util/text/textFilters';

export interface ExecResult {
  output: string;
  exitCode: number;
}

export interface Session {
  readonly cluster: Cluster;
  onClusterReplaced(fn: (c: Cluster) => void): () => void;
  exec(text: string): ExecResult;
  onOutput(fn: (text: string) => void): () => void;
  interrupt(): void;
  complete(line: string): { start: number; candidates: string[] };
  readonly commands: CommandDef[];
  readonly history: string[];
  fs: VirtualFs;
  /** Replaces the cluster (used by `sim reset`). */
  reset(options: ClusterOptions): void;
  readonly mode: 'script' | 'interactive';
  /** Language of the shell's own messages (kubectl and docker output stays English). */
  lang: ShellLang;
}

export interface SessionOptions {
  mode: 'script' | 'interactive';
  cluster?: Cluster;
  fs?: VirtualFs;
  seed?: number;
  /** Options of the starting cluster when none is given. */
  clusterOptions?: ClusterOptions;
}

/** Filters a pipeline may go through: the text filters shared with the shell inside containers. */
const FILTERS: Record<string, TextFilter> = TEXT_FILTERS;

export class ShellSession implements Session {
  cluster: Cluster;
  fs: VirtualFs;
  readonly mode: 'script' | 'interactive';
  readonly history: string[] = [];
  readonly commands: CommandDef[];
  private replacedListeners = new Listeners<[c: Cluster]>();
  private outputListeners = new Listeners<[t: string]>();
  private running: (() => void)[] = [];
  /** Background jobs (`… &`); while one starts, its keep-alive stops go to it instead of the foreground. */
  private readonly jobs = new JobTable();
  private startingJob: Job | undefined;
  lastExit = 0;
  lang: ShellLang = 'en';

  /** The handle commands get: the table for `help`, a reset for `sim reset`. */
  private readonly control: ShellControl;

  constructor(opts: SessionOptions, commands: readonly CommandDef[]) {
    this.mode = opts.mode;
    this.fs = opts.fs ?? memoryFs();
    this.cluster =
      opts.cluster ??
      createSim({
        ...(opts.clusterOptions ?? {}),
        ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
      });
    this.commands = [...commands];
    // The control reads the session's language when asked (the studio switches it while the session lives).
    const currentLang = (): ShellLang => this.lang;
    this.control = {
      commands: this.commands,
      get lang() {
        return currentLang();
      },
      reset: (options) => {
        this.reset(options);
        return this.cluster;
      },
      jobs: () => this.jobs.list(),
      killJob: (n, byPid) => this.jobs.kill(n, byPid),
    };
  }

  onClusterReplaced(fn: (c: Cluster) => void): () => void {
    return this.replacedListeners.add(fn);
  }

  onOutput(fn: (t: string) => void): () => void {
    return this.outputListeners.add(fn);
  }

  reset(options: ClusterOptions): void {
    this.interrupt();
    this.jobs.stopAll();
    this.cluster = createSim(options);
    this.replacedListeners.emit(this.cluster);
  }

  interrupt(): void {
    const stops = this.running;
    this.running = [];
    for (const s of stops) s();
  }

  complete(line: string): { start: number; candidates: string[] } {
    return completeLine(this, line);
  }

  exec(text: string): ExecResult {
    // Jobs that ended since the last prompt: bash reports them before its next prompt, after this output.
    const notices = this.mode === 'interactive' ? this.jobs.takeNotices() : '';
    let output = '';
    let code = 0;
    for (const cmd of splitScript(text)) {
      this.history.push(cmd.source);
      const r = this.runLine(cmd.line, cmd.heredoc);
      // A pasted command's unterminated output ends its line before the next one's; the last stays as written
      // (the terminal ends it before its prompt).
      output = endLine(output) + r.output;
      code = r.exitCode;
    }
    return { output: notices ? endLine(output) + notices : output, exitCode: code };
  }

  /**
   * Runs one logical line (pipelines joined by && || ; or sent to the background by &), `$(…)` substituted
   * first. With `capture`, standard output is kept apart from standard error (for a substitution).
   */
  runLine(line: string, heredoc?: string, capture = false): ExecResult & { stdout: string; stderr: string } {
    let pipelines;
    let subErr = '';
    try {
      const sub = substitute(line, (inner) => {
        const r = this.runLine(inner, undefined, true);
        return { stdout: r.stdout, stderr: r.stderr };
      });
      subErr = sub.stderr;
      pipelines = parseLine(sub.line);
    } catch (e) {
      const msg = `sh: ${(e as Error).message}\n`;
      return { output: subErr + msg, stdout: '', stderr: subErr + msg, exitCode: 2 };
    }
    let output = subErr;
    let stdout = '';
    let stderr = subErr;
    let code = 0;
    let skip = false;
    for (const p of pipelines) {
      if (!skip) {
        const background = p.next === '&';
        let job: Job | undefined;
        if (background) {
          job = this.jobs.start(p.commands.map((c) => c.argv.map(quoteWord).join(' ')).join(' | '));
          // Interactive bash announces the job; a script's bash does not.
          if (this.mode === 'interactive') {
            const note = `[${job.n}] ${job.pid}\n`;
            output += note;
            stderr += note;
          }
          this.startingJob = job;
        }
        const r = this.runPipeline(p.commands, heredoc, capture);
        this.startingJob = undefined;
        output += r.output;
        stdout += r.stdout;
        stderr += r.stderr;
        code = background ? 0 : r.exitCode;
        if (job) this.jobs.settle(job);
      }
      skip = p.next === '&&' ? code !== 0 : p.next === '||' ? code === 0 : false;
    }
    this.lastExit = code;
    return { output, stdout, stderr, exitCode: code };
  }

  private runPipeline(
    cmds: SimpleCommand[],
    heredoc: string | undefined,
    capture: boolean,
  ): ExecResult & { stdout: string; stderr: string } {
    let stdin: string | undefined;
    let errOut = '';
    let code = 0;
    let text = '';
    for (let i = 0; i < cmds.length; i++) {
      const c = cmds[i]!;
      if (c.heredoc) stdin = heredoc ?? '';
      if (c.input !== undefined) {
        const content = this.fs.read(c.input);
        if (content === undefined) {
          const msg = `sh: ${c.input}: No such file or directory\n`;
          return { output: errOut + msg, stdout: '', stderr: errOut + msg, exitCode: 1 };
        }
        stdin = content;
      }
      const last = i === cmds.length - 1 && !c.redirect && !capture;
      const r = this.runCommand(c.argv, stdin, !last);
      code = r.code;
      if (last) {
        // The terminal shows stdout and stderr interleaved as written.
        text = r.both;
      } else {
        text = r.out;
        errOut += r.err;
      }
      if (c.redirect) {
        if (!this.fs.write) {
          const msg = errOut + 'sh: cannot write files here\n';
          return { output: msg, stdout: '', stderr: msg, exitCode: 1 };
        }
        const prev = c.redirect.append ? (this.fs.read(c.redirect.path) ?? '') : '';
        this.fs.write(c.redirect.path, prev + text);
        text = '';
      }
      stdin = text;
    }
    return { output: errOut + text, stdout: capture ? text : '', stderr: errOut, exitCode: code };
  }

  private runCommand(
    argv: string[],
    stdin: string | undefined,
    captured: boolean,
  ): { out: string; err: string; both: string; code: number } {
    const [name, ...rest] = argv;
    const filter = FILTERS[name!];
    if (filter) return this.runFilter(filter, argv, stdin ?? '');
    const def = this.commands.find((c) => c.name === name);
    if (!def) {
      const names = this.commands
        .map((c) => c.name)
        .concat(Object.keys(FILTERS))
        .sort();
      const msg = shellMessage(this.lang, 'commandNotFound', { name: name ?? '', names: names.join(', ') });
      return {
        out: '',
        both: msg,
        err: msg,
        code: 127,
      };
    }
    let out = '';
    let err = '';
    // Both streams in the order they were written (what a terminal shows).
    let both = '';
    const ctx: CommandContext = {
      cluster: this.cluster,
      argv: rest,
      ...(stdin !== undefined ? { stdin } : {}),
      fs: this.fs,
      mode: this.mode,
      shell: this.control,
      out: (t) => {
        out += t;
        both += t;
      },
      err: (t) => {
        err += t;
        both += t;
      },
    };
    let streaming = false;
    if (this.mode === 'interactive' && !captured) {
      const job = this.startingJob;
      ctx.keepAlive = (stop) => {
        if (job) job.stops.push(stop);
        else this.running.push(stop);
        streaming = true;
      };
    }
    let code: number;
    try {
      code = def.run(ctx);
    } catch (e) {
      err += `error: ${(e as Error).message}\n`;
      both += `error: ${(e as Error).message}\n`;
      code = 1;
    }
    if (streaming) {
      // Later writes go to listeners (the terminal).
      ctx.out = (t) => this.emitOutput(t);
      ctx.err = (t) => this.emitOutput(t);
    }
    // Commands that changed the cluster let controllers react at the current instant.
    this.cluster.settle();
    return { out, err, both, code };
  }

  /** Runs a text filter over the session's files, in GNU coreutils' wording (the learner's own machine). */
  private runFilter(
    filter: TextFilter,
    argv: string[],
    stdin: string,
  ): { out: string; err: string; both: string; code: number } {
    let out = '';
    let err = '';
    let both = '';
    const fs = this.fs;
    const r = filter({
      argv,
      stdin,
      flavour: 'gnu',
      readFile(name) {
        if (fs.isDir(name)) return { error: 'dir' };
        const text = fs.read(name);
        return text === undefined ? { error: 'missing' } : { text };
      },
      writeFile(name, text, append) {
        if (!fs.write) return false;
        fs.write(name, (append ? (fs.read(name) ?? '') : '') + text);
        return true;
      },
      out(t) {
        out += t;
        both += t;
      },
      err(t) {
        err += t;
        both += t;
      },
    });
    return { out, err, both, code: r.status };
  }

  private emitOutput(t: string): void {
    this.outputListeners.emit(t);
  }
}

/** Output that does not end its line gets a newline, so the next prompt (or transcript line) starts afresh. */
export function endLine(output: string): string {
  return output && !output.endsWith('\n') ? output + '\n' : output;
}
