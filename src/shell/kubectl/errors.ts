/** An error that ends a kubectl command with exit status 1 and prints `text` to stderr. */
export class KubectlError extends Error {
  constructor(
    public text: string,
    public exitCode = 1,
  ) {
    super(text);
  }
}

/** Throws `error: <msg>`. */
export function fail(msg: string): never {
  throw new KubectlError(`error: ${msg}`);
}

/** `Error from server (NotFound): pods "x" not found` */
export function serverError(e: { reason: string; message: string }): string {
  return `Error from server (${e.reason || 'InternalError'}): ${e.message}`;
}

/**
 * The errors a verb's visitor met, printed after the objects it went on with, as kubectl's CheckErr prints
 * an aggregate: one error with `error: ` (unless it is a server's), several each on a line without it.
 * Returns the exit status.
 */
export function reportVisitErrors(err: (text: string) => void, errors: string[]): number {
  const bare = errors.map((e) => e.replace(/^error: /, ''));
  if (bare.length === 1) err(`${bare[0]!.startsWith('Error from server') ? '' : 'error: '}${bare[0]}\n`);
  else for (const e of bare) err(e + '\n');
  return errors.length ? 1 : 0;
}
