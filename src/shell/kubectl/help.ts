/** `kubectl --help` and `kubectl <verb> --help`, in kubectl's layout, from the verb table. */
import type { FlagDef } from '../types';
import type { VerbDef } from './verb';

function flagLine(f: FlagDef): string {
  const def = f.value ? "''" : 'false';
  const names = f.short ? `-${f.short}, --${f.name}` : `--${f.name}`;
  return `    ${names}=${def}:\n\t${f.help}\n`;
}

export function verbHelp(v: VerbDef, path: string): string {
  let s = `${v.long ?? v.summary.en + '.'}\n\n`;
  if (v.subcommands?.length) {
    s += 'Available Commands:\n';
    const w = Math.max(...v.subcommands.map((c) => c.name.length)) + 2;
    for (const c of v.subcommands) s += `  ${c.name.padEnd(w)}${c.summary.en}\n`;
    s += '\n';
  }
  if (v.examples) s += `Examples:\n${v.examples}\n\n`;
  const flags = [...v.flags].sort((a, b) => (a.name < b.name ? -1 : 1));
  if (flags.length) s += `Options:\n${flags.map(flagLine).join('\n')}\n`;
  s += `Usage:\n  ${v.usage}\n\n`;
  if (v.subcommands?.length)
    s += `Use "kubectl ${path} <command> --help" for more information about a given command.\n`;
  s += `Use "kubectl options" for a list of global command-line options (applies to all commands).\n`;
  return s;
}

const GROUPS: [string, string[]][] = [
  ['Basic Commands (Beginner)', ['create', 'expose', 'run', 'set']],
  ['Basic Commands (Intermediate)', ['explain', 'get', 'edit', 'delete']],
  ['Deploy Commands', ['rollout', 'scale', 'autoscale']],
  [
    'Cluster Management Commands',
    ['certificate', 'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint'],
  ],
  [
    'Troubleshooting and Debugging Commands',
    ['describe', 'logs', 'attach', 'exec', 'port-forward', 'proxy', 'cp', 'auth', 'debug', 'events'],
  ],
  ['Advanced Commands', ['diff', 'apply', 'patch', 'replace', 'wait', 'kustomize']],
  ['Settings Commands', ['label', 'annotate', 'completion']],
  ['Other Commands', ['api-resources', 'api-versions', 'config', 'plugin', 'version', 'options']],
];

export function rootHelp(verbs: VerbDef[]): string {
  let s =
    'kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\n';
  const placed = new Set<string>();
  for (const [title, names] of GROUPS) {
    const vs = names.map((n) => verbs.find((v) => v.name === n)).filter((v): v is VerbDef => !!v);
    if (!vs.length) continue;
    s += `${title}:\n`;
    for (const v of vs) {
      placed.add(v.name);
      s += `  ${v.name.padEnd(16)}${v.summary.en}\n`;
    }
    s += '\n';
  }
  const rest = verbs.filter((v) => !placed.has(v.name));
  if (rest.length) {
    s += 'Other Commands:\n';
    for (const v of rest) s += `  ${v.name.padEnd(16)}${v.summary.en}\n`;
    s += '\n';
  }
  s +=
    'Usage:\n  kubectl [flags] [options]\n\nUse "kubectl <command> --help" for more information about a given command.\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n';
  return s;
}
