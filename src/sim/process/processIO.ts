/**
 * What the process model needs from the container runtime, per container id: files, logs, exits, resources,
 * ports and the network. Its own file so the machine's types and the start templates need not import the
 * process model (which imports them).
 */

/** Implemented by the runtime, per container id `cid`. */
export interface ProcessIO {
  readFile(cid: string, path: string): string | undefined;
  /** false: read-only / no such directory. */
  writeFile(cid: string, path: string, content: string): boolean;
  removeFile(cid: string, path: string, recursive?: boolean): boolean;
  isDir(cid: string, path: string): boolean;
  listDir(cid: string, path: string): string[] | undefined;
  mkdir(cid: string, path: string): boolean;
  /** A log line (without trailing newline), for kubectl/docker logs. */
  stdout(cid: string, text: string): void;
  /** The main process ended. */
  exited(cid: string, exitCode: number, reason?: string): void;
  /** Working set; the runtime OOM-kills over the limit. */
  setMemory(cid: string, bytes: number): void;
  /** Current CPU use (for stats/top/HPA). */
  setCpu(cid: string, millicores: number): void;
  /** The process opened a listening TCP port. */
  listen(cid: string, port: number): void;
  /**
   * An outbound HTTP request. Errors are worded `bad address` (no DNS answer), `connection refused`,
   * `timed out` or `no route to host`; clients print them as busybox wget / curl do. Hosts outside the cluster
   * should answer a small fixed page (see `externalPage` in netCommands.ts).
   */
  http(
    cid: string,
    url: string,
    timeoutMs: number,
  ): { status: number; body: string; latencyMs: number } | { error: string; latencyMs: number };
  resolve(cid: string, name: string): { name: string; addresses: string[]; server: string } | undefined;
  tcp(cid: string, host: string, port: number): boolean;
  env(cid: string): Record<string, string>;
  hostname(cid: string): string;
}
