/**
 * The printer of a verb that changes objects and reports each one (label, annotate, patch, scale, set, taint,
 * rollout undo): kubectl's PrintFlags.ToPrinter. Without `-o` it prints `deployment.apps/web labeled`, with
 * ` (dry run)` / ` (server dry run)` after the operation; `-o name` prints the name alone; `-o yaml|json|
 * jsonpath=…|go-template=…` prints the object. These verbs make one printer per object, so several objects
 * come out one after another: YAML documents without `---`, JSON objects back to back.
 */
import type { KObject } from '../../sim/api/types';
import { objectName } from './client';
import { parseOutput, printObjects, type OutputFormat } from './printers/output';
import { dryRun, str, type KubectlContext, type Parsed } from './verb';

export interface ResultPrinter {
  /** The `-o` format, or undefined when the verb prints its operation text. */
  format: OutputFormat | undefined;
  /** Prints one object's result; `operation` is the text after the name (`labeled`, `patched (no change)`). */
  print(obj: KObject, operation: string): void;
}

/**
 * Reads `-o` (the formats of kubectl's PrintFlags: no `wide`, no custom columns) and `--dry-run`. `typed`:
 * the verb holds Go typed objects (taint, set, rollout undo), so its JSON keeps struct field order.
 * `dryRunSuffix` false: the verb sets its operation after the dry-run marker was added, losing it (taint).
 */
export function resultPrinter(
  k: KubectlContext,
  p: Parsed,
  typed = false,
  dryRunSuffix = true,
): ResultPrinter {
  const o = str(p, 'output');
  const format =
    o === undefined || o === '' ? undefined : parseOutput(o, false, (path) => k.fs.read(path), false);
  const mode = dryRun(p);
  const suffix =
    !dryRunSuffix || mode === 'none' ? '' : mode === 'client' ? ' (dry run)' : ' (server dry run)';
  return {
    format,
    print(obj, operation) {
      const name = objectName(k.cluster, obj);
      if (!format) k.out(`${name} ${operation}${suffix}\n`);
      else if (format.type === 'name') k.out(name + '\n');
      else k.out(printObjects([obj], format, (x) => objectName(k.cluster, x), true, typed));
    },
  };
}
