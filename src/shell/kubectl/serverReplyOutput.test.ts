/**
 * What kubectl prints for objects the server sent back, checked with the real kubectl 1.32 against
 * `kubelab serve` (kubectl re-encodes what it decodes, so the key order is the client's, not the server's):
 * generators decode the reply into the typed struct (Go field order: `kind`, `apiVersion`, `metadata` …) while
 * `get` prints the unstructured map (keys sorted); and the generators' own prefixes on a refused create
 * (`error: failed to create configmap: configmaps "c" already exists`, kubectl/pkg/cmd/create).
 */
import { describe, expect, it } from 'vitest';
import { labCluster, kubectlRun } from './testHarness';

const keys = (json: string) =>
  json
    .split('\n')
    .filter((l) => /^ {4}"/.test(l))
    .map((l) => /"([^"]+)"/.exec(l)![1]);

describe('-o json of server replies', () => {
  it('keeps struct order for generators and sorts for get', () => {
    const c = labCluster();
    expect(keys(kubectlRun(c, 'run x --image=nginx -o json').out)).toEqual([
      'kind',
      'apiVersion',
      'metadata',
      'spec',
      'status',
    ]);
    expect(keys(kubectlRun(c, 'get pod x -o json').out)).toEqual([
      'apiVersion',
      'kind',
      'metadata',
      'spec',
      'status',
    ]);
    const dep = kubectlRun(c, 'create deployment d --image=nginx -o json').out;
    expect(keys(dep)).toEqual(['kind', 'apiVersion', 'metadata', 'spec', 'status']);
    // RollingUpdateDeployment declares maxUnavailable before maxSurge
    expect(dep.indexOf('"maxUnavailable"')).toBeLessThan(dep.indexOf('"maxSurge"'));
    const pod = kubectlRun(c, 'run y --image=nginx -o json').out;
    // Volume: name, then the inlined source; ProjectedVolumeSource: sources before defaultMode;
    // VolumeMount: name, readOnly, mountPath; Toleration: key, operator, effect, tolerationSeconds
    expect(pod.indexOf('"sources"')).toBeLessThan(pod.indexOf('"defaultMode"'));
    expect(pod).toMatch(/"name": "kube-api-access-\w+",\n\s+"readOnly": true,\n\s+"mountPath"/);
    expect(pod).toMatch(/"operator": "Exists",\n\s+"effect": "NoExecute",\n\s+"tolerationSeconds": 300/);
    expect(keys(kubectlRun(c, 'expose deployment d --port=80 -o json').out)[0]).toBe('kind');
  });
});

describe('refused creates', () => {
  it('carry each generator’s own prefix, as the real kubectl prints them', () => {
    const c = labCluster();
    const twice = (line: string) => {
      kubectlRun(c, line);
      return kubectlRun(c, line).err;
    };
    expect(twice('create deployment d2 --image=nginx')).toBe(
      'error: failed to create deployment: deployments.apps "d2" already exists\n',
    );
    expect(twice('create cm c2')).toBe('error: failed to create configmap: configmaps "c2" already exists\n');
    expect(twice('create job j2 --image=busybox')).toBe(
      'error: failed to create job: jobs.batch "j2" already exists\n',
    );
    expect(twice('create secret generic s2')).toBe(
      'error: failed to create secret secrets "s2" already exists\n',
    );
    expect(twice('create sa sa2')).toBe(
      'error: failed to create serviceaccount: serviceaccounts "sa2" already exists\n',
    );
    expect(twice('create pdb p --selector=a=b --min-available=1')).toBe(
      'error: failed to create poddisruptionbudgets: poddisruptionbudgets.policy "p" already exists\n',
    );
    expect(twice('create service nodeport np --tcp=80')).toBe(
      'error: failed to create NodePort service: services "np" already exists\n',
    );
    // namespace, role and run print the server's error as it is
    expect(twice('create ns n2')).toBe('Error from server (AlreadyExists): namespaces "n2" already exists\n');
    expect(twice('run x3 --image=nginx')).toBe(
      'Error from server (AlreadyExists): pods "x3" already exists\n',
    );
    // an Invalid error inside the prefix reads as client-go's StatusError (group-qualified kind)
    expect(kubectlRun(c, 'create cronjob cj --image=busybox --schedule=1_*').err).toBe(
      'error: failed to create cronjob: CronJob.batch "cj" is invalid: spec.schedule: Invalid value: "1_*": expected exactly 5 fields, found 1: [1_*]\n',
    );
  });
});
