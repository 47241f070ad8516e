/**
 * A script's transcript as the studio produces it: each command sent to the simulation (the worker) as the
 * learner would type it, printed as the headless runner prints it (`$ <command line>`, then its output ended by
 * a newline). Same seed and inputs ⇒ the same bytes as `kubelab run` (tested in Node and in a real worker).
 */
import { splitScript } from '../../shell/parse';

export async function studioTranscript(
  script: string,
  exec: (text: string) => Promise<{ output: string }> | { output: string },
): Promise<string> {
  let out = '';
  for (const cmd of splitScript(script)) {
    out +=
      cmd.source
        .split('\n')
        .map((l, i) => (i === 0 ? `$ ${l}` : l))
        .join('\n') + '\n';
    const r = await exec(cmd.source);
    out += r.output && !r.output.endsWith('\n') ? r.output + '\n' : r.output;
  }
  return out;
}
