/**
 * JSON state of the process model. Everything a running container's processes need to resume lives here
 * (`cluster.state.ext.process`), so a snapshot is a plain copy and a restore resumes mid-`sleep`.
 */

/** Where a stream goes. `std` = the thread's default (container log, or the exec capture). */
export type Sink = { k: 'std'; fd: 1 | 2 } | { k: 'file'; path: string } | { k: 'null' };

/** One activation of an AST node (or a marker) on a thread's stack. */
export interface Frame {
  /** Script index into `Thread.scripts`; -1 for markers. */
  s: number;
  /** Node index in that script's AST. */
  n: number;
  /** Program counter within the node. */
  pc: number;
  /** Marker kinds: `exit` ends the thread when reached (after `exec`); `fn` is a function body (`return`). */
  mark?: 'exit' | 'fn';
  /** Loop iteration counter / for-loop index. */
  i?: number;
  /** For-loop words, expanded once. */
  items?: string[];
  /** Virtual time an iteration started (loops yield ≥ 1 ms when an iteration took no time). */
  t0?: number;
  /** Status of the last loop body. */
  last?: number;
  /** Part of a condition (`if`, `while`, left of `&&`/`||`): `set -e` does not apply. */
  cond?: boolean;
  out?: Sink;
  err?: Sink;
  stdin?: string;
  /** Subshell / nested shell: variables and cwd restored when the frame pops. */
  saved?: {
    vars: Record<string, string>;
    cwd: string;
    exported: string[];
    args: string[];
    errexit?: boolean;
  };
  /** Positional parameters of a nested script (`sh -c 'script' arg0 arg1…`). */
  args?: string[];
}

export type Wait =
  | { k: 'delay'; until: number; status: number; out?: string; sink?: Sink; chk?: boolean }
  | { k: 'forever' }
  | { k: 'jobs'; pids: number[] };

export interface Thread {
  pid: number;
  /** `ps` COMMAND text. */
  cmdline: string;
  frames: Frame[];
  scripts: string[];
  vars: Record<string, string>;
  exported: string[];
  /** `$0 $1 …` of the top-level script. */
  args: string[];
  cwd: string;
  /** `$?` */
  status: number;
  wait?: Wait;
  /** Foreground child shown by `ps` while the thread waits on it. */
  child?: { pid: number; cmd: string };
  errexit?: boolean;
  traps: Record<string, string>;
  /** Functions defined with `name() { … }`: script index + node. */
  funcs: Record<string, { s: number; n: number }>;
  done?: boolean;
  /** Virtual time the thread started (ps TIME column uses CPU, which we approximate). */
  started: number;
}

/** A modelled network server inside the container (nginx, redis, php-apache…). */
export interface ServerState {
  kind: string;
  port: number;
  /** Extra configuration: http-echo text, nginx version… */
  opts?: Record<string, string>;
  /** Requests served. */
  hits: number;
}

export interface Proc {
  cid: string;
  /** Repository name, registry prefix and tag stripped (`nginx`, `polinux/stress`, `hpa-example`). */
  repo: string;
  tag: string;
  image: string;
  argv: string[];
  workingDir: string;
  running: boolean;
  exitCode?: number;
  /** Pending signal handling (graceful shutdown in progress). */
  stopping?: boolean;
  threads: Thread[];
  nextPid: number;
  servers: ServerState[];
  /** Extra display-only processes for `ps` (nginx workers…). */
  extra: { pid: number; cmd: string; user?: string }[];
  /** Unterminated output line per fd. */
  partial: string;
  memory: number;
  cpu: number;
  /** CPU the modelled program burns on its own (stress hogs…), millicores. */
  baseCpu: number;
  /** Log lines written by the last steps (kept small; for debugging / tests only). */
  lines: number;
}

export interface ProcessState {
  procs: Record<string, Proc>;
}
