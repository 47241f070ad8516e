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
