/**
 * Background jobs of the learner's shell (`kubectl port-forward svc/web 8080:80 &`): the job runs, the prompt
 * comes back. As interactive bash does, starting one prints `[1] 4801`, `jobs` lists the running ones, and
 * the next command's output ends with the notices of jobs that finished (`[1]+  Done  …`). Ctrl+C stops the
 * foreground only; `kill %1` or a cluster reset stops a job.
 */

interface Job {
  n: number;
  pid: number;
  command: string;
  stops: (() => void)[];
}

/** bash's job line: `[1]+  Running                 kubectl port-forward … &`. */
function jobLine(n: number, mark: string, state: string, command: string): string {
  return `[${n}]${mark}  ${state.padEnd(24)}${command}`;
}

export class JobTable {
  private running: Job[] = [];
  private notices: string[] = [];
  /** Deterministic process ids (bash shows the kernel's; any increasing number teaches the same). */
  private nextPid = 4801;

  /** Starts a job: its number and pid. */
  start(command: string): Job {
    const n = this.running.length ? Math.max(...this.running.map((j) => j.n)) + 1 : 1;
    const job: Job = { n, pid: this.nextPid++, command, stops: [] };
    this.running.push(job);
    return job;
  }

  /** The job's command ran to its end at once (nothing kept running): it is done. */
  settle(job: Job): void {
    if (job.stops.length) return;
    this.finish(job, 'Done', job.command);
  }

  private mark(job: Job): string {
    const last = this.running[this.running.length - 1];
    const prev = this.running[this.running.length - 2];
    return job === last ? '+' : job === prev ? '-' : ' ';
  }

  private finish(job: Job, state: string, command: string): void {
    this.notices.push(jobLine(job.n, this.mark(job), state, command) + '\n');
    this.running = this.running.filter((j) => j !== job);
  }

  /** `jobs`: the running jobs. */
  list(): string {
    return this.running.map((j) => jobLine(j.n, this.mark(j), 'Running', `${j.command} &`) + '\n').join('');
  }

  /** `kill %N` (`kill PID` with `byPid`): stops a job; false when there is none. */
  kill(n: number, byPid = false): boolean {
    const job = this.running.find((j) => (byPid ? j.pid : j.n) === n);
    if (!job) return false;
    for (const s of job.stops) s();
    this.finish(job, 'Terminated', job.command);
    return true;
  }

  /** Notices of jobs that ended since the last call. */
  takeNotices(): string {
    const t = this.notices.join('');
    this.notices = [];
    return t;
  }

  /** Stops every job silently (the cluster they ran against is gone). */
  stopAll(): void {
    for (const j of this.running) for (const s of j.stops) s();
    this.running = [];
    this.notices = [];
  }
}

export type { Job };
