/** kubectl set image (set_image.go): container images of pod templates, from the server or a `--local` file. */
import type { KindDef } from '../../sim/api/kinds';
import { fail, KubectlError } from './errors';
import { resourcesAndPairs } from './metaEdit';
import { resultPrinter } from './resultPrinter';
import { podSpecOf, selectTargets, writeBack } from './targets';
import { typedForm } from './typedForm';
import {
  boolFlag,
  DRY_RUN_FLAG,
  dryRun,
  FILENAME_FLAG,
  has,
  OUTPUT_FLAG,
  SELECTOR_FLAG,
  str,
  type VerbDef,
} from './verb';

/** cli-runtime's LocalResourceError. */
export const LOCAL_RESOURCE_ERROR = `you must specify resources by --filename when --local is set.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'`;

/** resource.Info's ObjectName: the resource from the server's mapping, the kind for a `--local` file. */
export function infoName(def: KindDef, name: string, local: boolean): string {
  if (!local) return `${def.plural}/${name}`;
  return def.group ? `${def.kind.toLowerCase()}.${def.group}/${name}` : `${def.kind.toLowerCase()}/${name}`;
}

export const setImage: VerbDef = {
  name: 'image',
  summary: { en: 'Update the image of a pod template', zh: '更新 Pod 模板的镜像' },
  usage:
    'kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]',
  long: 'Update existing container image(s) of resources.\n\n Possible resources include (case insensitive):\n\n        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)',
  examples: `  # Set a deployment's nginx container image to 'nginx:1.9.1', and its busybox container image to 'busybox'
  kubectl set image deployment/nginx busybox=busybox nginx=nginx:1.9.1

  # Update image of all containers of daemonset abc to 'nginx:1.9.1'
  kubectl set image daemonset abc *=nginx:1.9.1

  # Print result (in yaml format) of updating nginx container image from local file, without hitting the server
  kubectl set image -f path/to/file.yaml nginx=nginx:1.9.1 --local -o yaml`,
  flags: [
    FILENAME_FLAG,
    SELECTOR_FLAG,
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
    boolFlag('all', 'Select all resources, in the namespace of the specified resource types'),
    boolFlag('local', 'If true, set image will NOT contact api-server but run locally.'),
  ],
  run(k, p) {
    const { resources, pairs } = resourcesAndPairs(p.args, 'image');
    const images = new Map<string, string>();
    for (const a of pairs) {
      if (!a.includes('=') || a.startsWith('=')) fail(`invalid image format: ${a}`);
      const i = a.indexOf('=');
      images.set(a.slice(0, i), a.slice(i + 1));
    }
    const local = has(p, 'local');
    const mode = dryRun(p);
    const printer = resultPrinter(k, p, true);
    if (local && resources.length) fail(LOCAL_RESOURCE_ERROR);
    const errors: string[] = [];
    const targets =
      resources.length || str(p, 'filename') !== undefined
        ? selectTargets(k, p, resources, errors, local)
        : [];
    const invalid: string[] = [];
    if (has(p, 'all') && str(p, 'selector')) invalid.push('cannot set --all and --selector at the same time');
    if (!resources.length && str(p, 'filename') === undefined)
      invalid.push('one or more resources must be specified as <resource> <name> or <resource>/<name>');
    if (!images.size) invalid.push('at least one image update is required');
    else if (images.size > 1 && images.has('*'))
      invalid.push(
        'all containers are already specified by *, but saw more than one container_name=container_image pairs',
      );
    if (local && mode === 'server')
      invalid.push('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
    if (invalid.length) fail(invalid.length === 1 ? invalid[0]! : `[${invalid.join(', ')}]`);
    let status = 0;
    const late: string[] = [];
    for (const t of targets) {
      const copy = typedForm(t.obj);
      const spec = podSpecOf(copy);
      if (!spec) {
        late.push(
          `error: ${infoName(t.def, t.obj.metadata.name, local)} the object is not a pod or does not have a pod template: *v1.${t.def.kind}`,
        );
        continue;
      }
      for (const [name, image] of images) {
        let found = false;
        for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])])
          if (name === '*' || c.name === name) {
            c.image = image;
            found = true;
          }
        if (!found) late.push(`error: unable to find container named ${JSON.stringify(name)}`);
      }
      if (JSON.stringify(copy) === JSON.stringify(typedForm(t.obj))) continue;
      let shown = copy;
      if (!local && mode !== 'client') {
        try {
          shown = writeBack(k, copy, mode);
        } catch (e) {
          if (!(e instanceof KubectlError)) throw e;
          late.push(
            `error: failed to patch image update to pod template: ${e.text.replace(/^Error from server \([^)]*\): /, '')}`,
          );
          continue;
        }
      }
      printer.print(shown, 'image updated');
    }
    for (const e of [...late, ...errors]) {
      k.err(e + '\n');
      status = 1;
    }
    return status;
  },
};
