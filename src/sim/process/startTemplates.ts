/**
 * Starting the same program the same way again without interpreting it.
 *
 * A container's main process is deterministic: what its start does depends only on the image, argv, working
 * directory and environment, on the files it reads and, if it reads it, the clock. The first start of a program
 * runs the interpreter through a {@link StartRecording}; when the run stayed within what can be replayed (no
 * shell code beyond `exec` of quoted words, no timers, no network, no writes, no exit, `HOSTNAME` never read),
 * its end state and its effects become a {@link StartTemplate}. A later start with the same key takes the
 * template when the same reads give the same answers (and, if the clock was read, at the same instant): the
 * thread, the process fields and the effects (log lines, memory, CPU, ports) come out as the interpreter would
 * have made them. Ten thousand nginx pods started together interpret `docker-entrypoint.sh` once.
 *
 * Tests compare both ways of starting ({@link setSlowStarts}) on the known images.
 */
import type { ProcessHost, ProcessIO } from './machineTypes';
import type { Proc, Thread } from './types';

type Read =
  | { op: 'readFile'; path: string; result: string | undefined }
  | { op: 'isDir'; path: string; result: boolean }
  | { op: 'listDir'; path: string; result: string | undefined }
  | { op: 'hostname'; result: string };

/** An IO call with an effect the recorded start made, in order: the log line, port, memory or CPU. */
type EffectOp = 'stdout' | 'listen' | 'setMemory' | 'setCpu';
interface Effect {
  op: EffectOp;
  arg: string | number;
}

/** The process fields a start sets (besides its one thread). */
type ProcFields = Pick<
  Proc,
  'nextPid' | 'servers' | 'extra' | 'partial' | 'memory' | 'cpu' | 'baseCpu' | 'lines'
>;

export interface StartTemplate {
  /** The thread's variables at the start, but `HOSTNAME`. */
  vars: Record<string, string>;
  /** The instant the run read the clock at; undefined: it never did. */
  now?: number;
  reads: Read[];
  effects: Effect[];
  /** The main thread after the start, without what each start has of its own. */
  thread: Omit<Thread, 'vars' | 'exported' | 'started'>;
  proc: ProcFields;
}

/** A script the recorded run may push: `exec` and single-quoted words (nothing to expand). */
const EXEC_LITERAL = /^exec(?: '(?:[^']|'\\'')*')+$/;

let slowStarts = false;
/** For tests: start every process the long way (to compare with templates). */
export function setSlowStarts(slow: boolean): void {
  slowStarts = slow;
}

/** How often starts were taken from templates (for tests). */
export const startTemplateStats = { used: 0 };

/** Templates by start key; cleared when full (a handful of programs are started again and again). */
const templates = new Map<string, StartTemplate>();
const MAX_TEMPLATES = 256;

/** The template for a start with this key and these variables (all but `HOSTNAME` must be equal). */
export function templateFor(key: string, vars: Record<string, string>): StartTemplate | undefined {
  const t = slowStarts ? undefined : templates.get(key);
  if (!t) return undefined;
  let n = 0;
  for (const k in vars) {
    if (k === 'HOSTNAME') continue;
    if (t.vars[k] !== vars[k]) return undefined;
    n++;
  }
  return n === Object.keys(t.vars).length ? t : undefined;
}

/** The variables a template is kept with: all but `HOSTNAME`. */
export function templateVars(vars: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k in vars) if (k !== 'HOSTNAME') out[k] = vars[k]!;
  return out;
}

export function keepTemplate(key: string, t: StartTemplate): void {
  if (templates.size >= MAX_TEMPLATES) templates.clear();
  templates.set(key, t);
}

/** The key of a start: image, working directory and argv (the variables are compared by {@link templateFor}). */
export function startKey(image: string, workingDir: string, argv: string[]): string {
  return `${image}\n${workingDir}\n${argv.join('\0')}`;
}

/** Whether the template's reads answer the same in container `cid` now. */
export function templateApplies(t: StartTemplate, io: ProcessIO, cid: string, now: number): boolean {
  if (!templateMatches(t, io, cid, now)) return false;
  startTemplateStats.used++;
  return true;
}

function templateMatches(t: StartTemplate, io: ProcessIO, cid: string, now: number): boolean {
  if (t.now !== undefined && t.now !== now) return false;
  for (const r of t.reads) {
    switch (r.op) {
      case 'readFile':
        if (io.readFile(cid, r.path) !== r.result) return false;
        break;
      case 'isDir':
        if (io.isDir(cid, r.path) !== r.result) return false;
        break;
      case 'listDir':
        if (joined(io.listDir(cid, r.path)) !== r.result) return false;
        break;
      case 'hostname':
        if (io.hostname(cid) !== r.result) return false;
        break;
    }
  }
  return true;
}

/** Replays the template's effects in order; stops if the process stops running (a synchronous OOM kill). */
export function replayEffects(t: StartTemplate, io: ProcessIO, proc: Proc): void {
  const cid = proc.cid;
  for (const e of t.effects) {
    if (!proc.running) return;
    (io[e.op] as (cid: string, arg: string | number) => void).call(io, cid, e.arg);
  }
}

function joined(list: string[] | undefined): string | undefined {
  return list === undefined ? undefined : list.join('\0');
}

/** One recorded start: the IO and clock it used, and whether it stayed replayable. */
export class StartRecording {
  ok = true;
  timeRead = false;
  readonly reads: Read[] = [];
  readonly effects: Effect[] = [];

  constructor(
    private readonly io: ProcessIO,
    readonly proc: Proc,
  ) {}

  /** Marks the run as not replayable. */
  fail(): void {
    this.ok = false;
  }

  /** A script the run pushes: only `exec` of quoted words keeps it replayable. */
  script(src: string): void {
    if (!EXEC_LITERAL.test(src)) this.ok = false;
  }

  /** The environment a program gets: reading `HOSTNAME`, or listing the variables, makes the run per-host. */
  env(env: Record<string, string>): Record<string, string> {
    return new Proxy(env, {
      get: (t, k) => {
        if (k === 'HOSTNAME') this.ok = false;
        return t[k as string];
      },
      has: (t, k) => {
        if (k === 'HOSTNAME') this.ok = false;
        return k in t;
      },
      ownKeys: (t) => {
        this.ok = false;
        return Reflect.ownKeys(t);
      },
      getOwnPropertyDescriptor: (t, k) => {
        if (k === 'HOSTNAME') this.ok = false;
        return Reflect.getOwnPropertyDescriptor(t, k);
      },
    });
  }

  /** The clock as the run sees it: reading the time ties the template to this instant. */
  host(h: ProcessHost): ProcessHost {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const rec = this;
    return {
      get now() {
        rec.timeRead = true;
        return h.now;
      },
      clock: h.clock,
      iso: (ms?: number) => h.iso(ms),
    };
  }

  /** `io[op]`, noting each call as an effect to replay. */
  private noted<K extends EffectOp>(io: ProcessIO, op: K): ProcessIO[K] {
    const fn = io[op] as (cid: string, arg: string | number) => void;
    return ((cid: string, arg: string | number) => {
      if (cid !== this.proc.cid) this.ok = false;
      this.effects.push({ op, arg });
      fn.call(io, cid, arg);
    }) as ProcessIO[K];
  }

  /** `io[name]`, marking the run as not replayable when called. */
  private unreplayable<K extends keyof ProcessIO>(io: ProcessIO, name: K): ProcessIO[K] {
    const fn = io[name] as (...args: unknown[]) => unknown;
    return ((...args: unknown[]) => {
      this.ok = false;
      return fn.apply(io, args);
    }) as ProcessIO[K];
  }

  /** The IO the recorded run uses: every call goes through, reads and effects are noted. */
  recordingIo(): ProcessIO {
    const io = this.io;
    const own = (cid: string) => {
      if (cid !== this.proc.cid) this.ok = false;
    };
    return {
      readFile: (cid, path) => {
        own(cid);
        const result = io.readFile(cid, path);
        this.reads.push({ op: 'readFile', path, result });
        return result;
      },
      isDir: (cid, path) => {
        own(cid);
        const result = io.isDir(cid, path);
        this.reads.push({ op: 'isDir', path, result });
        return result;
      },
      listDir: (cid, path) => {
        own(cid);
        const result = io.listDir(cid, path);
        this.reads.push({ op: 'listDir', path, result: joined(result) });
        return result;
      },
      hostname: (cid) => {
        own(cid);
        const result = io.hostname(cid);
        this.reads.push({ op: 'hostname', result });
        return result;
      },
      stdout: this.noted(io, 'stdout'),
      listen: this.noted(io, 'listen'),
      setMemory: this.noted(io, 'setMemory'),
      setCpu: this.noted(io, 'setCpu'),
      // anything else makes the run not replayable, and goes through
      writeFile: this.unreplayable(io, 'writeFile'),
      removeFile: this.unreplayable(io, 'removeFile'),
      mkdir: this.unreplayable(io, 'mkdir'),
      exited: this.unreplayable(io, 'exited'),
      http: this.unreplayable(io, 'http'),
      resolve: this.unreplayable(io, 'resolve'),
      tcp: this.unreplayable(io, 'tcp'),
      env: this.unreplayable(io, 'env'),
    };
  }
}
