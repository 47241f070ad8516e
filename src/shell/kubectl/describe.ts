/** kubectl describe, and `describeObject` for the UI's inspector. */
import type { Cluster } from '../../sim/cluster';
import type { KObject } from '../../sim/api/types';
import { matches } from '../../sim/api/labels';
import { pluralResource } from './client';
import { fail, KubectlError } from './errors';
import { printContext } from './printers/common';
import { describeGeneric } from './printers/generic';
import { printerFor } from './printers/index';
import { readManifests } from './manifest';
import { resolveType } from './resources';
import { selectorOf } from './get';
import { applyNamespace, mapKind } from './write';
import { ALL_NS_FLAG, FILENAME_FLAG, RECURSIVE_FLAG, SELECTOR_FLAG, boolFlag, type VerbDef } from './verb';

function describeOne(cluster: Cluster, obj: KObject): string {
  const pc = printContext(cluster);
  const p = printerFor(obj.kind);
  return (p?.describe ?? describeGeneric)(obj, pc);
}

/** The describe text of one object, or undefined when it does not exist. */
export function describeObject(
  cluster: Cluster,
  kind: string,
  ns: string | undefined,
  name: string,
): string | undefined {
  const obj = cluster.api.get(kind, ns, name);
  return obj ? describeOne(cluster, obj) : undefined;
}

export const describe: VerbDef = {
  name: 'describe',
  summary: {
    en: 'Show details of a specific resource or group of resources',
    zh: '显示特定资源或资源组的详细信息',
  },
  usage: 'kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]',
  long: 'Show details of a specific resource or group of resources.\n\n Print a detailed description of the selected resources, including related resources such as events or controllers. You may select a single object by name, all objects of that type, provide a name prefix, or label selector.',
  examples: `  # Describe a node
  kubectl describe nodes kubernetes-node-emt8.c.myproject.internal

  # Describe a pod
  kubectl describe pods/nginx

  # Describe all pods
  kubectl describe pods

  # Describe pods by label name=myLabel
  kubectl describe pods -l name=myLabel`,
  flags: [
    FILENAME_FLAG,
    RECURSIVE_FLAG,
    SELECTOR_FLAG,
    ALL_NS_FLAG,
    boolFlag('show-events', 'If true, display events related to the described object.'),
  ],
  run(k, p) {
    const allNs = p.flags.get('all-namespaces') === 'true';
    const targets: KObject[] = [];
    const errors: string[] = [];
    if (p.flags.get('filename') !== undefined) {
      for (const doc of readManifests(k, p)) {
        const def = mapKind(k, doc);
        const o = structuredClone(doc.obj);
        applyNamespace(k, def, o);
        const got = k.cluster.api.get(def.kind, o.metadata.namespace, o.metadata.name);
        if (got) targets.push(got);
        else
          errors.push(`Error from server (NotFound): ${pluralResource(def)} "${o.metadata.name}" not found`);
      }
    } else {
      if (!p.args.length)
        throw new KubectlError(
          'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.',
        );
      const sel = selectorOf(p);
      const pairs: { type: string; name?: string }[] = [];
      if (p.args.some((a) => a.includes('/'))) {
        for (const a of p.args) {
          const i = a.indexOf('/');
          if (i < 0)
            fail(
              `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form`,
            );
          pairs.push({ type: a.slice(0, i), name: a.slice(i + 1) });
        }
      } else {
        const [type, ...names] = p.args;
        if (!names.length) pairs.push({ type: type! });
        for (const n of names) pairs.push({ type: type!, name: n });
      }
      for (const { type, name } of pairs) {
        for (const t of type.split(',')) {
          const def = resolveType(k.cluster, t);
          const ns = def.namespaced && !allNs ? k.namespace : undefined;
          if (name !== undefined) {
            const exact = k.cluster.api.get(def.kind, ns ?? k.namespace, name);
            if (exact) {
              targets.push(exact);
              continue;
            }
            // describe accepts a name prefix
            const prefixed = k.cluster.api.list(def.kind, ns).filter((o) => o.metadata.name.startsWith(name));
            if (prefixed.length) targets.push(...prefixed);
            else errors.push(`Error from server (NotFound): ${pluralResource(def)} "${name}" not found`);
          } else {
            const objs = k.cluster.api
              .list(def.kind, ns)
              .filter((o) => !sel || matches(sel, o.metadata.labels));
            if (!objs.length) {
              k.err(
                allNs || !def.namespaced
                  ? 'No resources found\n'
                  : `No resources found in ${k.namespace} namespace.\n`,
              );
            }
            targets.push(...objs);
          }
        }
      }
    }
    if (targets.length) k.out(targets.map((o) => describeOne(k.cluster, o)).join('\n\n'));
    if (errors.length) {
      k.err(errors.join('\n') + '\n');
      return 1;
    }
    return 0;
  },
};
