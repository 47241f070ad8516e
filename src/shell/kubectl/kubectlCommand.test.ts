import { describe, expect, it } from 'vitest';
import { kubectl, verbs } from './kubectlCommand';
import { kubectlRun, labCluster } from './testHarness';

describe('the verb table', () => {
  it('every verb has usage, a bilingual summary and working --help', () => {
    const c = labCluster();
    for (const v of verbs) {
      expect(v.summary.en.length, v.name).toBeGreaterThan(0);
      expect(v.summary.zh.length, v.name).toBeGreaterThan(0);
      const r = kubectlRun(c, `${v.name} --help`);
      expect(r.code, v.name).toBe(0);
      expect(r.out, v.name).toContain(`Usage:\n  ${v.usage}\n`);
      for (const s of v.subcommands ?? []) {
        expect(s.summary.zh.length, `${v.name} ${s.name}`).toBeGreaterThan(0);
        expect(kubectlRun(c, `${v.name} ${s.name} -h`).out).toContain(s.usage);
      }
    }
    expect(kubectl.subcommands?.map((s) => s.name)).toEqual(verbs.map((v) => v.name));
  });

  it('kubectl alone prints grouped help', () => {
    const r = kubectlRun(labCluster(), '');
    expect(r.out).toContain('kubectl controls the Kubernetes cluster manager.');
    expect(r.out).toMatch(
      /Basic Commands \(Beginner\):\n {2}create {10}Create a resource from a file or from stdin\n/,
    );
  });

  it('unknown verbs suggest close ones; unknown flags and sub-verbs fail', () => {
    const c = labCluster();
    const r = kubectlRun(c, 'gett pods');
    expect(r.code).toBe(1);
    expect(r.err).toBe('error: unknown command "gett" for "kubectl"\n\nDid you mean this?\n\tget\n\tset\n');
    expect(kubectlRun(c, 'get pods --foo').err).toBe(
      "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n",
    );
    expect(kubectlRun(c, 'rollout statuz deploy/x').err).toContain(
      'error: unknown command "statuz" for "kubectl rollout"',
    );
  });

  it('global flags may come before the verb', () => {
    const c = labCluster();
    kubectlRun(c, 'create namespace dev');
    kubectlRun(c, '-n dev run p --image=nginx');
    expect(c.api.get('Pod', 'dev', 'p')).toBeDefined();
  });
});

describe('small verbs', () => {
  it('version', () => {
    const c = labCluster();
    expect(kubectlRun(c, 'version').out).toBe(
      'Client Version: v1.31.4\nKustomize Version: v5.4.2\nServer Version: v1.31.4\n',
    );
    expect(kubectlRun(c, 'version --client').out).toBe(
      'Client Version: v1.31.4\nKustomize Version: v5.4.2\n',
    );
    const y = kubectlRun(c, 'version -o yaml').out;
    expect(y).toMatch(/^clientVersion:\n {2}buildDate: "[^"]+"\n/);
    expect(y).toContain('  gitVersion: v1.31.4\n');
    expect(y).toContain('  major: "1"\n  minor: "31"\n');
    expect(y).toContain('serverVersion:\n');
  });

  it('api-resources lists the registry with real columns', () => {
    const out = kubectlRun(labCluster(), 'api-resources').out;
    expect(out.split('\n')[0]).toMatch(/^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND$/);
    expect(out).toMatch(/\npods\s+po\s+v1\s+true\s+Pod\n/);
    expect(out).toMatch(/\ndeployments\s+deploy\s+apps\/v1\s+true\s+Deployment\n/);
    expect(kubectlRun(labCluster(), 'api-resources --namespaced=false -o name').out).toContain('nodes\n');
  });

  it('explain walks the schema', () => {
    const c = labCluster();
    const top = kubectlRun(c, 'explain pods').out;
    expect(top).toMatch(/^KIND: {7}Pod\nVERSION: {4}v1\n\nDESCRIPTION:\n/);
    expect(top).toContain('\nFIELDS:\n  apiVersion\t<string>\n');
    const f = kubectlRun(c, 'explain pod.spec.containers').out;
    expect(f).toContain('FIELD: containers <[]Container>');
    expect(f).toContain('  name\t<string> -required-\n');
    expect(f).toContain('  resources\t<ResourceRequirements>\n');
    expect(kubectlRun(c, 'explain pod.spec.nope').err).toBe('error: field "nope" does not exist\n');
    expect(kubectlRun(c, 'explain deployments.spec.strategy --recursive').out).toMatch(
      /FIELDS:\n {2}rollingUpdate\t<\w+>\n {4}maxSurge\t<IntOrString>\n/,
    );
  });

  it('config and cluster-info', () => {
    const c = labCluster();
    expect(kubectlRun(c, 'config current-context').out).toBe('kubelab\n');
    expect(kubectlRun(c, 'config view').out).toContain('current-context: kubelab\n');
    expect(kubectlRun(c, 'config get-contexts').out).toBe(
      'CURRENT   NAME      CLUSTER   AUTHINFO        NAMESPACE\n*         kubelab   kubelab   kubelab-admin   \n',
    );
    kubectlRun(c, 'create namespace dev');
    expect(kubectlRun(c, 'config set-context --current --namespace=dev').out).toBe(
      'Context "kubelab" modified.\n',
    );
    kubectlRun(c, 'run p --image=nginx');
    expect(c.api.get('Pod', 'dev', 'p')).toBeDefined();
    expect(kubectlRun(c, 'get pods').err).toBe('');
    expect(kubectlRun(c, 'config view').out).toContain('    namespace: dev\n');
    expect(kubectlRun(c, 'cluster-info').out).toMatch(
      /^Kubernetes control plane is running at https:\/\/127\.0\.0\.1:6443\n/,
    );
  });

  it('label and annotate', () => {
    const c = labCluster();
    kubectlRun(c, 'run p --image=nginx');
    expect(kubectlRun(c, 'label pod p env=dev').out).toBe('pod/p labeled\n');
    expect(kubectlRun(c, 'label pod p env=prod').err).toBe(
      "error: 'env' already has a value (dev), and --overwrite is false\n",
    );
    expect(kubectlRun(c, 'label pod p env-').out).toBe('pod/p unlabeled\n');
    expect(c.api.get('Pod', 'default', 'p')!.metadata.labels).toEqual({ run: 'p' });
    expect(kubectlRun(c, 'annotate pod p note="my frontend"').out).toBe('pod/p annotated\n');
    expect(c.api.get('Pod', 'default', 'p')!.metadata.annotations?.note).toBe('my frontend');
    expect(kubectlRun(c, 'annotate pod p note=other').err).toBe(
      "error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (my frontend)\n",
    );
    expect(kubectlRun(c, 'label pods -l run=p team=a').out).toBe('pod/p labeled\n');
  });

  it('delete: names, selectors, --all, force warning, errors', () => {
    const c = labCluster();
    for (const n of ['a', 'b', 'x'])
      kubectlRun(c, `run ${n} --image=nginx --labels=grp=${n === 'x' ? 'other' : 'ab'}`);
    expect(kubectlRun(c, 'delete pod a').out).toBe('pod "a" deleted\n');
    const f = kubectlRun(c, 'delete pod b --grace-period=0 --force');
    expect(f.err).toBe(
      'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
    );
    expect(f.out).toBe('pod "b" force deleted\n');
    expect(kubectlRun(c, 'delete pod nope').err).toBe(
      'Error from server (NotFound): pods "nope" not found\n',
    );
    expect(kubectlRun(c, 'delete pods').err).toBe(
      'error: resource(s) were provided, but no name was specified\n',
    );
    expect(kubectlRun(c, 'delete pods -l grp=ab').err).toBe('No resources found in default namespace.\n');
    expect(kubectlRun(c, 'delete pods --all --dry-run=client').out).toBe('pod "x" deleted (dry run)\n');
    expect(kubectlRun(c, 'delete pods --all').out).toBe('pod "x" deleted\n');
    expect(c.api.list('Pod', 'default')).toHaveLength(0);
    expect(kubectlRun(c, 'delete').err).toContain(
      'error: You must provide one or more resources by argument or filename.',
    );
    expect(kubectlRun(c, 'delete deploy web --cascade=sideways').err).toContain(
      'invalid cascade value (sideways)',
    );
  });

  it('wait for a condition and for deletion', () => {
    const c = labCluster();
    kubectlRun(c, 'create deployment web --image=nginx');
    const t0 = c.now;
    const w = kubectlRun(c, 'wait --for=condition=Available=False deployment/web --timeout=30s');
    expect(w.out).toBe('deployment.apps/web condition met\n');
    expect(c.now - t0).toBeLessThan(30_000);
    const to = kubectlRun(c, 'wait --for=jsonpath={.status.phase}=Nope deployment/web --timeout=3s');
    expect(to.err).toBe('error: timed out waiting for the condition on deployments.apps/web\n');
    kubectlRun(c, 'apply -f -', {
      stdin:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  nodeName: worker-1\n  containers:\n  - name: c\n    image: nginx\n',
    });
    c.advance(2000);
    expect(kubectlRun(c, 'delete pod p --wait=false').out).toBe('pod "p" deleted\n');
    expect(c.api.get('Pod', 'default', 'p')?.metadata.deletionTimestamp).toBeDefined();
    expect(kubectlRun(c, 'wait --for=delete pod/p --timeout=60s').out).toBe('pod/p condition met\n');
    expect(c.api.get('Pod', 'default', 'p')).toBeUndefined();
  });
});
