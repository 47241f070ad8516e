/** kubectl config view / current-context / get-contexts / use-context / set-context (a fixed kubeconfig). */
import { fail } from './errors';
import {
  CLUSTER_NAME,
  CONTEXT,
  contextNamespace,
  kubeconfigObject,
  setContextNamespace,
  USER,
} from './kubeconfig';
import type { KObject } from '../../sim/api/types';
import { parseOutput, printObjects, toJson, toYaml } from './printers/output';
import { table } from './tabwriter';
import { boolFlag, flag, has, str, type VerbDef } from './verb';

const view: VerbDef = {
  name: 'view',
  summary: {
    en: 'Display merged kubeconfig settings or a specified kubeconfig file',
    zh: '显示合并后的 kubeconfig 设置',
  },
  usage: 'kubectl config view [flags] [options]',
  long: 'Display merged kubeconfig settings or a specified kubeconfig file.',
  examples:
    '  # Show merged kubeconfig settings\n  kubectl config view\n\n  # Show merged kubeconfig settings, raw certificate data, and exposed secrets\n  kubectl config view --raw',
  flags: [
    boolFlag('raw', 'Display raw byte data and sensitive data'),
    boolFlag('minify', 'Remove all information not used by current-context from the output'),
    flag('output', 'Output format.', { short: 'o' }),
    boolFlag('flatten', 'Flatten the resulting kubeconfig file into self-contained output'),
  ],
  run(k, p) {
    // The lab's kubeconfig holds one cluster, user and context, so --minify leaves it whole.
    const cfg = kubeconfigObject(k.cluster, has(p, 'raw'));
    const fmt = parseOutput(str(p, 'output') || 'yaml', false, (path) => k.fs.read(path));
    if (fmt.type === 'json') k.out(toJson(cfg, true));
    else if (fmt.type === 'yaml') k.out(toYaml(cfg));
    else k.out(printObjects([cfg as unknown as KObject], fmt, () => '', true));
    return 0;
  },
};

const currentContext: VerbDef = {
  name: 'current-context',
  summary: { en: 'Display the current-context', zh: '显示当前上下文' },
  usage: 'kubectl config current-context [options]',
  long: 'Display the current-context.',
  flags: [],
  run(k) {
    k.out(`${CONTEXT}\n`);
    return 0;
  },
};

const getContexts: VerbDef = {
  name: 'get-contexts',
  summary: { en: 'Describe one or many contexts', zh: '描述一个或多个上下文' },
  usage: 'kubectl config get-contexts [(-o|--output=)name)] [options]',
  long: 'Display one or many contexts from the kubeconfig file.',
  flags: [
    flag('output', 'Output format. One of: (name).', { short: 'o' }),
    boolFlag(
      'no-headers',
      "When using the default or custom-column output format, don't print headers (default print headers).",
    ),
  ],
  run(k, p) {
    if (p.args.length && p.args[0] !== CONTEXT) fail(`context ${p.args[0]} not found`);
    if (str(p, 'output') === 'name') {
      k.out(`${CONTEXT}\n`);
      return 0;
    }
    const ns = contextNamespace(k.cluster);
    const rows = [
      ['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE'],
      ['*', CONTEXT, CLUSTER_NAME, USER, ns === 'default' ? '' : ns],
    ];
    if (has(p, 'no-headers')) rows.shift();
    k.out(table(rows));
    return 0;
  },
};

const useContext: VerbDef = {
  name: 'use-context',
  summary: { en: 'Set the current-context in a kubeconfig file', zh: '设置 kubeconfig 中的当前上下文' },
  usage: 'kubectl config use-context CONTEXT_NAME [options]',
  long: 'Set the current-context in a kubeconfig file.',
  flags: [],
  run(k, p) {
    if (p.args[0] !== CONTEXT) fail(`no context exists with the name: "${p.args[0] ?? ''}"`);
    k.out(`Switched to context "${CONTEXT}".\n`);
    return 0;
  },
};

const setContext: VerbDef = {
  name: 'set-context',
  summary: { en: 'Set a context entry in kubeconfig', zh: '设置 kubeconfig 中的上下文条目' },
  usage:
    'kubectl config set-context [NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace] [options]',
  long: 'Set a context entry in kubeconfig.\n\n Specifying a name that already exists will merge new fields on top of existing values for those fields.',
  examples:
    '  # Set the namespace of the current context\n  kubectl config set-context --current --namespace=dev',
  flags: [
    boolFlag('current', 'Modify the current context'),
    flag('cluster', 'cluster for the context entry in kubeconfig'),
    flag('user', 'user for the context entry in kubeconfig'),
  ],
  run(k, p) {
    const name = has(p, 'current') ? CONTEXT : p.args[0];
    if (!name) fail('you must specify a non-empty context name or --current');
    if (name !== CONTEXT) fail(`Kubelab has a single context, "${CONTEXT}"`);
    const ns = p.flags.get('namespace');
    if (ns !== undefined) setContextNamespace(k.cluster, ns === 'default' ? undefined : ns);
    k.out(`Context "${CONTEXT}" modified.\n`);
    return 0;
  },
};

export const config: VerbDef = {
  name: 'config',
  summary: { en: 'Modify kubeconfig files', zh: '修改 kubeconfig 文件' },
  usage: 'kubectl config SUBCOMMAND [options]',
  long: 'Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".',
  flags: [],
  subcommands: [currentContext, getContexts, setContext, useContext, view],
};
