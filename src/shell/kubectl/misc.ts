/** kubectl options, api-versions and events. */
import type { KEvent } from '../../sim/api/types';
import { fail } from './errors';
import { printContext } from './printers/common';
import { headerRow, objectRow } from './printers/tableRows';
import { table } from './tabwriter';
import { ALL_NS_FLAG, GLOBAL_FLAGS, boolFlag, flag, has, str, type VerbDef } from './verb';

export const options: VerbDef = {
  name: 'options',
  summary: { en: 'Print the list of flags inherited by all commands', zh: '打印所有命令都继承的标志列表' },
  usage: 'kubectl options [options]',
  long: 'Print the list of flags inherited by all commands',
  flags: [],
  run(k) {
    let s = 'The following options can be passed to any command:\n\n';
    for (const f of GLOBAL_FLAGS)
      s += `    ${f.short ? `-${f.short}, ` : ''}--${f.name}=${f.value ? "''" : 'false'}:\n\t${f.help}\n\n`;
    k.out(s);
    return 0;
  },
};

export const apiVersions: VerbDef = {
  name: 'api-versions',
  summary: {
    en: 'Print the supported API versions on the server, in the form of "group/version"',
    zh: '以“组/版本”的形式打印服务器支持的 API 版本',
  },
  usage: 'kubectl api-versions [options]',
  long: 'Print the supported API versions on the server, in the form of "group/version".',
  flags: [],
  run(k) {
    const versions = [...new Set(k.cluster.api.kinds.all().map((d) => d.apiVersion))].sort();
    k.out(versions.map((v) => v + '\n').join(''));
    return 0;
  },
};

export const events: VerbDef = {
  name: 'events',
  summary: { en: 'List events', zh: '列出事件' },
  usage:
    'kubectl events [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning] [options]',
  long: 'Display events.\n\n Prints a table of the most important information about events. You can request events for a namespace, for all namespace, or filtered to only those pertaining to a specified resource.',
  examples:
    '  # List recent events in the default namespace\n  kubectl events\n\n  # List recent events for the specified pod\n  kubectl events --for pod/web-pod-13je7\n\n  # List only Warning events\n  kubectl events --types=Warning',
  flags: [
    ALL_NS_FLAG,
    flag('for', 'Filter events to only those pertaining to the specified resource.'),
    flag('types', 'Output only events of given types.'),
    boolFlag('no-headers', "When using the default output format, don't print headers."),
  ],
  run(k, p) {
    const allNs = has(p, 'all-namespaces');
    let evs = (k.cluster.api.list('Event', allNs ? undefined : k.namespace) as KEvent[]).slice();
    const forArg = str(p, 'for');
    if (forArg) {
      const [type, name] = forArg.split('/');
      const def = k.cluster.api.kinds.resolve(type ?? '');
      if (!def || !name) fail(`--for must be in resource/name form`);
      evs = evs.filter((e) => e.involvedObject.kind === def.kind && e.involvedObject.name === name);
    }
    const types = str(p, 'types');
    if (types) {
      const allowed = types.split(',');
      for (const t of allowed)
        if (t !== 'Normal' && t !== 'Warning') fail(`valid --types are Normal or Warning`);
      evs = evs.filter((e) => allowed.includes(e.type));
    }
    evs.sort(
      (a, b) =>
        k.cluster.fromIso(a.lastTimestamp) - k.cluster.fromIso(b.lastTimestamp) ||
        Number(a.metadata.resourceVersion ?? 0) - Number(b.metadata.resourceVersion ?? 0),
    );
    if (!evs.length) {
      k.err(allNs ? 'No events found.\n' : `No events found in ${k.namespace} namespace.\n`);
      return 0;
    }
    const pc = printContext(k.cluster);
    const opts = { wide: false, allNamespaces: allNs, showLabels: false };
    const rows = [headerRow('Event', opts), ...evs.map((e) => objectRow(e, pc, opts))];
    if (has(p, 'no-headers')) rows.shift();
    k.out(table(rows));
    return 0;
  },
};
