/** kubectl api-resources */
import { fail } from './errors';
import { table } from './tabwriter';
import { boolFlag, flag, has, str, type VerbDef } from './verb';

const VERBS = '[create delete deletecollection get list patch update watch]';

export const apiResources: VerbDef = {
  name: 'api-resources',
  summary: { en: 'Print the supported API resources on the server', zh: '打印服务器支持的 API 资源' },
  usage: 'kubectl api-resources [flags] [options]',
  long: 'Print the supported API resources on the server.',
  examples: `  # Print the supported API resources
  kubectl api-resources

  # Print the supported API resources with more information
  kubectl api-resources -o wide

  # Print the supported namespaced resources
  kubectl api-resources --namespaced=true`,
  flags: [
    flag('output', 'Output format. One of: (wide, name).', { short: 'o', complete: ['wide', 'name'] }),
    flag(
      'namespaced',
      'If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.',
    ),
    flag('api-group', 'Limit to resources in the specified API group.'),
    boolFlag(
      'no-headers',
      "When using the default or custom-column output format, don't print headers (default print headers).",
    ),
    flag(
      'sort-by',
      "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'.",
    ),
  ],
  run(k, p) {
    const o = str(p, 'output');
    if (o !== undefined && o !== 'wide' && o !== 'name') fail(`--output ${o} is not available`);
    let defs = [...k.cluster.api.kinds.all()];
    const nsFlag = str(p, 'namespaced');
    if (nsFlag !== undefined) defs = defs.filter((d) => d.namespaced === (nsFlag !== 'false'));
    const group = str(p, 'api-group');
    if (group !== undefined) defs = defs.filter((d) => d.group === group);
    const sortBy = str(p, 'sort-by');
    if (sortBy === 'kind') defs.sort((a, b) => (a.kind < b.kind ? -1 : 1));
    else if (sortBy === 'name') defs.sort((a, b) => (a.plural < b.plural ? -1 : 1));
    if (o === 'name') {
      k.out(defs.map((d) => (d.group ? `${d.plural}.${d.group}` : d.plural) + '\n').join(''));
      return 0;
    }
    const rows = [
      [
        'NAME',
        'SHORTNAMES',
        'APIVERSION',
        'NAMESPACED',
        'KIND',
        ...(o === 'wide' ? ['VERBS', 'CATEGORIES'] : []),
      ],
    ];
    for (const d of defs)
      rows.push([
        d.plural,
        d.shortNames.join(','),
        d.apiVersion,
        String(d.namespaced),
        d.kind,
        ...(o === 'wide' ? [VERBS, (d.categories ?? []).join(',')] : []),
      ]);
    if (has(p, 'no-headers')) rows.shift();
    k.out(table(rows));
    return 0;
  },
};
