/**
 * A shell session over a cluster: the terminal and the headless runner share it. It runs lines and scripts,
 * keeps history, completes words, and owns the cluster (which `sim reset` replaces). It receives its command
 * table (session.ts composes it) and gives each command a {@link CommandContext}, never itself.
 */
import { Cluster, type ClusterOptions } from '../sim/cluster';
import type { CommandDef } from './types';
import type { CommandContext, ShellControl, VirtualFs } from './commandContext';
import { splitScript, parseLine, type SimpleCommand } from './parse';
import { memoryFs } from './memoryFs';
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
const FILTERS: Record<string, TextFilter> = Object.fromEntries(
  ['grep', 'head', 'tail', 'wc', 'sort', 'base64'].map((n) => [n, TEXT_FILTERS[n]!]),
);

export class ShellSession implements Session {
  cluster: Cluster;
  fs: VirtualFs;
  readonly mode: 'script' | 'interactive';
  readonly history: string[] = [];
  readonly commands: CommandDef[];
  private replacedListeners = new Set<(c: Cluster) => void>();
  private outputListeners = new Set<(t: string) => void>();
  private running: (() => void)[] = [];
  lastExit = 0;

  /** The handle commands get: the table for `help`, a reset for `sim reset`. */
  private readonly control: ShellControl;

  constructor(opts: SessionOptions, commands: readonly CommandDef[]) {
    this.mode = opts.mode;
    this.fs = opts.fs ?? memoryFs();
    this.cluster =
      opts.cluster ??
      new Cluster({
        ...(opts.clusterOptions ?? {}),
        ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
      });
    this.commands = [...commands];
    this.control = {
      commands: this.commands,
      reset: (options) => {
        this.reset(options);
        return this.cluster;
      },
    };
  }

  onClusterReplaced(fn: (c: Cluster) => void): () => void {
    this.replacedListeners.add(fn);
    return () => this.replacedListeners.delete(fn);
  }

  onOutput(fn: (t: string) => void): () => void {
    this.outputListeners.add(fn);
    return () => this.outputListeners.delete(fn);
  }

  reset(options: ClusterOptions): void {
    this.interrupt();
    this.cluster = new Cluster(options);
    for (const l of this.replacedListeners) l(this.cluster);
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
    let output = '';
    let code = 0;
    for (const cmd of splitScript(text)) {
      this.history.push(cmd.source);
      const r = this.runLine(cmd.line, cmd.heredoc);
      output += r.output;
      code = r.exitCode;
    }
    return { output, exitCode: code };
  }

  /** Runs one logical line (pipelines joined by && || ;). */
  runLine(line: string, heredoc?: string): ExecResult {
    let pipelines;
    try {
      pipelines = parseLine(line);
    } catch (e) {
      return { output: `sh: ${(e as Error).message}\n`, exitCode: 2 };
    }
    let output = '';
    let code = 0;
    let skip = false;
    for (const p of pipelines) {
      if (!skip) {
        const r = this.runPipeline(p.commands, heredoc);
        output += r.output;
        code = r.exitCode;
      }
      skip = p.next === '&&' ? code !== 0 : p.next === '||' ? code === 0 : false;
    }
    this.lastExit = code;
    return { output, exitCode: code };
  }

  private runPipeline(cmds: SimpleCommand[], heredoc?: string): ExecResult {
    let stdin: string | undefined;
    let errOut = '';
    let code = 0;
    let text = '';
    for (let i = 0; i < cmds.length; i++) {
      const c = cmds[i]!;
      if (c.heredoc) stdin = heredoc ?? '';
      if (c.input !== undefined) {
        const content = this.fs.read(c.input);
        if (content === undefined)
          return { output: `sh: ${c.input}: No such file or directory\n`, exitCode: 1 };
        stdin = content;
      }
      const last = i === cmds.length - 1 && !c.redirect;
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
        if (!this.fs.write) return { output: errOut + 'sh: cannot write files here\n', exitCode: 1 };
        const prev = c.redirect.append ? (this.fs.read(c.redirect.path) ?? '') : '';
        this.fs.write(c.redirect.path, prev + text);
        text = '';
      }
      stdin = text;
    }
    return { output: errOut + text, exitCode: code };
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
      const msg = `${name}: command not found\nAvailable commands: ${names.join(', ')}. Type 'help' for more.\n`;
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
      ctx.keepAlive = (stop) => {
        this.running.push(stop);
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
    for (const l of this.outputListeners) l(t);
  }
}
