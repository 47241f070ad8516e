/**
 * The working folder as a replay needs it. A command reads the editor's files when it runs (`docker build .`,
 * `kubectl apply -f app.yaml`); a share link or a reload replays it later, when the files may have changed or
 * gone. So every live command records what it read (file contents, folder listings) beside its text, and a
 * replayed command reads those recordings instead of today's files: `docker build` makes the same image again,
 * with the same ID, even after the Dockerfile was edited or deleted.
 */
import type { VirtualFs } from '../shell/types';

/** What one command read: file contents (`null`: it was missing) and folder listings. */
export interface CommandReads {
  files?: Record<string, string | null>;
  lists?: Record<string, string[]>;
}

/** A file system over `inner` that records reads while {@link record} runs and serves them in {@link replay}. */
export class RecordedFs implements VirtualFs {
  private recording: CommandReads | undefined;
  private replaying: CommandReads | undefined;

  constructor(private readonly inner: VirtualFs) {}

  read(path: string): string | undefined {
    const r = this.replaying?.files;
    if (r && Object.hasOwn(r, path)) return r[path] ?? undefined;
    const v = this.inner.read(path);
    const rec = this.recording;
    if (rec && !Object.hasOwn((rec.files ??= {}), path)) rec.files[path] = v ?? null;
    return v;
  }

  isDir(path: string): boolean {
    const r = this.replaying?.lists;
    if (r && Object.hasOwn(r, path)) return true;
    return this.inner.isDir(path);
  }

  list(dir: string): string[] {
    const r = this.replaying?.lists;
    if (r && Object.hasOwn(r, dir)) return [...r[dir]!];
    const v = this.inner.list(dir);
    const rec = this.recording;
    if (rec && this.inner.isDir(dir) && !Object.hasOwn((rec.lists ??= {}), dir)) rec.lists[dir] = [...v];
    return v;
  }

  write(path: string, content: string): void {
    // a later read in the same command sees what it wrote, live and in a replay alike
    if (this.replaying?.files && Object.hasOwn(this.replaying.files, path))
      this.replaying.files[path] = content;
    this.inner.write?.(path, content);
  }

  /** Runs a live command, returning what it read (undefined when it read nothing). */
  record<T>(run: () => T): { result: T; reads: CommandReads | undefined } {
    this.recording = {};
    try {
      const result = run();
      const r = this.recording;
      return { result, reads: r.files || r.lists ? r : undefined };
    } finally {
      this.recording = undefined;
    }
  }

  /** Replays a command against what it read when it ran (today's files where nothing was recorded). */
  replay<T>(reads: CommandReads | undefined, run: () => T): T {
    this.replaying = reads ? structuredClone(reads) : undefined;
    try {
      return run();
    } finally {
      this.replaying = undefined;
    }
  }
}
