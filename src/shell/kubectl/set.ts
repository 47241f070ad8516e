/** kubectl set image (other `set` sub-verbs can be added to the same table). */
import { resourcePrefix } from './client';
import { fail, KubectlError } from './errors';
import { podSpecOf, selectTargets, writeBack } from './targets';
import {
  boolFlag,
  DRY_RUN_FLAG,
  dryRun,
  FILENAME_FLAG,
  OUTPUT_FLAG,
  SELECTOR_FLAG,
  type VerbDef,
} from './verb';

const image: VerbDef = {
  name: 'image',
  summary: { en: 'Update the image of a pod template', zh: '更新 Pod 模板的镜像' },
  usage:
    'kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]',
  long: 'Update existing container image(s) of resources.\n\n Possible resources include (case insensitive):\n\n        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)',
  examples: `  # Set a deployment's nginx container image to 'nginx:1.9.1', and its busybox container image to 'busybox'
  kubectl set image deployment/nginx busybox=busybox nginx=nginx:1.9.1

  # Update image of all containers of daemonset abc to 'nginx:1.9.1'
  kubectl set image daemonset abc *=nginx:1.9.1`,
  flags: [
    FILENAME_FLAG,
    SELECTOR_FLAG,
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
    boolFlag('all', 'Select all resources, in the namespace of the specified resource types'),
  ],
  run(k, p) {
    const pairs = p.args.filter((a) => a.includes('='));
    const resources = p.args.filter((a) => !a.includes('='));
    if (!pairs.length) fail('at least one image update is required');
    const updates = pairs.map((a) => {
      const i = a.indexOf('=');
      return { name: a.slice(0, i), image: a.slice(i + 1) };
    });
    const errors: string[] = [];
    const targets = selectTargets(k, p, resources, errors);
    const mode = dryRun(p);
    let status = 0;
    for (const t of targets) {
      const copy = structuredClone(t.obj);
      const spec = podSpecOf(copy);
      if (!spec) {
        k.err(`error: unable to find container named in ${t.def.kind}\n`);
        status = 1;
        continue;
      }
      let changed = false;
      let missing: string | undefined;
      for (const u of updates) {
        const all = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
        const hit = u.name === '*' ? all : all.filter((c) => c.name === u.name);
        if (!hit.length) missing = u.name;
        for (const c of hit) {
          if (c.image !== u.image) changed = true;
          c.image = u.image;
        }
      }
      if (missing !== undefined) {
        k.err(`error: unable to find container named "${missing}"\n`);
        status = 1;
        continue;
      }
      try {
        if (changed) writeBack(k, copy, mode);
      } catch (e) {
        if (!(e instanceof KubectlError)) throw e;
        k.err(e.text + '\n');
        status = 1;
        continue;
      }
      if (changed)
        k.out(
          `${resourcePrefix(t.def)}/${t.obj.metadata.name} image updated${mode === 'client' ? ' (dry run)' : mode === 'server' ? ' (server dry run)' : ''}\n`,
        );
    }
    if (errors.length) {
      k.err(errors.join('\n') + '\n');
      status = 1;
    }
    return status;
  },
};

export const set: VerbDef = {
  name: 'set',
  summary: { en: 'Set specific features on objects', zh: '为对象设置特定功能' },
  usage: 'kubectl set SUBCOMMAND [options]',
  long: 'Configure application resources.\n\n These commands help you make changes to existing application resources.',
  flags: [],
  subcommands: [image],
};
