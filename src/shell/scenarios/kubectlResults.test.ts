/**
 * What the verbs that change objects print, and what `--dry-run` leaves alone: label, annotate, scale,
 * rollout undo, set image, set env and taint with and without `-o`. Every expected text was printed by the
 * real kubectl 1.32 driving `kubelab serve` from the same script and seed (the client-side half of these
 * verbs is kubectl's own: label.go, annotate.go, scale.go, rollout_undo.go, set_image.go, set_env.go,
 * taint.go); the `--local -f` forms are compared byte for byte in kubectl/parity.
 */
import { describe, expect, it } from 'vitest';
import type { Deployment, Node, Pod } from '../../sim/api/types';
import { newSession, sh } from '../testing/harness';

type S = ReturnType<typeof newSession>;
/** One command's output; a last line without a newline is how kubectl leaves jsonpath. */
const run = (s: S, line: string) => sh(s, line).replace(/\n$/, '');
const deploy = (s: S) => s.cluster.api.get<Deployment>('Deployment', 'default', 'web')!;

function podsSession(): S {
  const s = newSession();
  sh(
    s,
    `kubectl create deployment web --image=nginx:1.27 --replicas=2
kubectl run pod1 --image=nginx --labels=app=p,tier=fe
kubectl run pod2 --image=busybox --labels=app=p -- sleep 3600
sim advance 30s`,
  );
  return s;
}

/** A Deployment at revision 2 (nginx:1.26, then 1.27) and a ConfigMap and Secret to import from. */
function revisionsSession(): S {
  const s = newSession();
  sh(
    s,
    `kubectl create deployment web --image=nginx:1.26 --replicas=2
sim advance 20s
kubectl set image deployment/web nginx=nginx:1.27
sim advance 30s
kubectl create configmap cfg --from-literal=a.x=1
kubectl create secret generic sec --from-literal=user=u`,
  );
  return s;
}

describe('label and annotate print the object with -o', () => {
  it('prints names, changes nothing with --dry-run, and says which keys to remove it lacks', () => {
    const s = podsSession();
    expect(run(s, 'kubectl label pod pod1 x=1 --dry-run=client -o name')).toBe('pod/pod1');
    expect(run(s, 'kubectl label pod pod1 x=1 --dry-run=server')).toBe('pod/pod1 labeled (server dry run)');
    expect(s.cluster.api.get<Pod>('Pod', 'default', 'pod1')!.metadata.labels).toEqual({
      app: 'p',
      tier: 'fe',
    });
    expect(run(s, 'kubectl label pods -l app=p w=1 -o name')).toBe('pod/pod1\npod/pod2');
    expect(run(s, "kubectl label pods -l app=p w=1 -o jsonpath='{.metadata.name}'")).toBe('pod1pod2');
    expect(run(s, 'kubectl label pods -l app=p w=2 --overwrite')).toBe('pod/pod1 labeled\npod/pod2 labeled');
    expect(run(s, 'kubectl label pods -l app=p w- -o name')).toBe('pod/pod1\npod/pod2');
    expect(run(s, 'kubectl label pods -l app=p w- -o name')).toBe(
      'label "w" not found.\npod/pod1\nlabel "w" not found.\npod/pod2',
    );
    expect(run(s, 'kubectl label pod/pod1 deploy/web q=1')).toBe(
      'pod/pod1 labeled\ndeployment.apps/web labeled',
    );
    expect(run(s, 'kubectl label pod/pod1 deploy/web q=1')).toBe(
      'pod/pod1 not labeled\ndeployment.apps/web not labeled',
    );
    expect(run(s, 'kubectl label pod pod1 --list -o name')).toBe(
      'error: --list and --output may not be specified together',
    );
    expect(run(s, 'kubectl label deploy web a=1 -o wide')).toBe(
      'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml',
    );
  });

  it('prints several objects one after another: YAML without ---', () => {
    const s = podsSession();
    const out = run(s, 'kubectl label pods -l app=p w=1 -o yaml');
    expect(out.match(/^kind: Pod$/gm)).toHaveLength(2);
    expect(out).not.toContain('---');
    expect(out.split('\n').filter((l) => l === 'apiVersion: v1')).toHaveLength(2);
  });

  it('annotate says annotated whether or not anything changed', () => {
    const s = podsSession();
    expect(run(s, 'kubectl annotate pod pod1 a=1 -o name')).toBe('pod/pod1');
    expect(run(s, 'kubectl annotate pod pod1 a=1')).toBe('pod/pod1 annotated');
    expect(run(s, `kubectl annotate pod pod1 a=2 --overwrite -o jsonpath='{.metadata.annotations}'`)).toBe(
      '{"a":"2"}',
    );
    expect(run(s, 'kubectl annotate pod pod1 a-')).toBe('pod/pod1 annotated');
    expect(run(s, 'kubectl annotate pod pod1 a-')).toBe('pod/pod1 annotated');
    expect(run(s, 'kubectl annotate pods --all b=1 --dry-run=server -o name')).toContain(
      'pod/pod1\npod/pod2\n',
    );
    expect(s.cluster.api.get<Pod>('Pod', 'default', 'pod2')!.metadata.annotations?.b).toBeUndefined();
  });
});

describe('scale and rollout undo accept -o', () => {
  it('scale prints the object as it read it, before the new size', () => {
    const s = revisionsSession();
    expect(run(s, "kubectl scale deploy web --replicas=3 -o jsonpath='{.spec.replicas}'")).toBe('2');
    expect(deploy(s).spec.replicas).toBe(3);
    expect(
      run(s, "kubectl scale deploy web --replicas=4 --dry-run=client -o jsonpath='{.spec.replicas}'"),
    ).toBe('3');
    expect(run(s, 'kubectl scale deploy web --replicas=4 --dry-run=server -o name')).toBe(
      'deployment.apps/web',
    );
    expect(deploy(s).spec.replicas).toBe(3);
    expect(run(s, 'kubectl scale deploy -l nothing=here --replicas=1')).toBe(
      'error: no objects passed to scale',
    );
  });

  it('rollout undo --dry-run=client prints the template it would roll back to, untabbed', () => {
    const s = revisionsSession();
    const hash = s.cluster.api
      .list('ReplicaSet', 'default')
      .find((r) => r.spec.template.spec.containers[0]!.image === 'nginx:1.26')!.metadata.labels![
      'pod-template-hash'
    ];
    expect(sh(s, 'kubectl rollout undo deployment/web --dry-run=client')).toBe(
      `deployment.apps/web Pod Template:
  Labels:\tapp=web
\tpod-template-hash=${hash}
  Containers:
   nginx:
    Image:\tnginx:1.26
    Port:\t<none>
    Host Port:\t<none>
    Environment:\t<none>
    Mounts:\t<none>
  Volumes:\t<none>
  Node-Selectors:\t<none>
  Tolerations:\t<none>
 (dry run)
`,
    );
    // rollout history --revision prints the same untabbed template (history.go printTemplate).
    expect(sh(s, 'kubectl rollout history deploy/web --revision=1')).toBe(
      `deployment.apps/web with revision #1\nPod Template:\n  Labels:\tapp=web\n\tpod-template-hash=${hash}\n  Containers:\n   nginx:\n    Image:\tnginx:1.26\n    Port:\t<none>\n    Host Port:\t<none>\n    Environment:\t<none>\n    Mounts:\t<none>\n  Volumes:\t<none>\n  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n\n`,
    );
    expect(
      run(
        s,
        "kubectl rollout undo deployment/web --dry-run=server -o jsonpath='{.spec.template.spec.containers[0].image}'",
      ),
    ).toBe('nginx:1.27');
    expect(deploy(s).spec.template.spec.containers[0]!.image).toBe('nginx:1.27');
    expect(run(s, 'kubectl rollout undo deployment/web -o name')).toBe('deployment.apps/web');
    expect(deploy(s).spec.template.spec.containers[0]!.image).toBe('nginx:1.26');
  });
});

describe('set image', () => {
  it('updates the containers it finds, then reports the ones it did not', () => {
    const s = revisionsSession();
    expect(
      run(
        s,
        "kubectl set image deploy/web nginx=nginx:1.29 -o jsonpath='{.spec.template.spec.containers[0].image}'",
      ),
    ).toBe('nginx:1.29');
    expect(run(s, 'kubectl set image deploy/web nginx=nginx:1.29 -o name')).toBe('');
    expect(run(s, 'kubectl set image deploy/web nginx=nginx:1.30 --dry-run=server')).toBe(
      'deployment.apps/web image updated (server dry run)',
    );
    expect(run(s, 'kubectl set image deploy/web nginx=nginx:1.30 nope=x')).toBe(
      'deployment.apps/web image updated\nerror: unable to find container named "nope"',
    );
    expect(deploy(s).spec.template.spec.containers[0]!.image).toBe('nginx:1.30');
  });
});

describe('set env', () => {
  it('sets, lists, imports, resolves and removes variables; each change rolls the Deployment out', () => {
    const s = revisionsSession();
    expect(run(s, 'kubectl set env deploy/web A=1')).toBe('deployment.apps/web env updated');
    // The same value again is no change: nothing is sent and nothing printed.
    expect(run(s, 'kubectl set env deploy/web A=1')).toBe('');
    expect(run(s, 'kubectl set env deploy/web --from=configmap/cfg --keys=a.x --prefix=P_')).toBe(
      'Warning: key a.x transferred to A_X\ndeployment.apps/web env updated',
    );
    expect(run(s, 'kubectl set env deploy/web --list')).toBe(
      '# Deployment web, container nginx\nA=1\n# P_A_X from configmap cfg, key a.x',
    );
    expect(run(s, 'kubectl set env deploy/web -c nope B=1')).toBe(
      'Warning: Deployment/web does not have any containers matching "nope"',
    );
    expect(run(s, 'kubectl set env deploy/web P_A_X=2 --overwrite=false')).toBe(
      "error: deployments/web 'P_A_X' already has a value (), and --overwrite is false",
    );
    expect(
      run(
        s,
        "kubectl set env deploy/web --from=secret/sec --keys=user -o jsonpath='{.spec.template.spec.containers[0].env[2].valueFrom}'",
      ),
    ).toBe('Warning: key user transferred to USER\n{"secretKeyRef":{"key":"user","name":"sec"}}');
    expect(run(s, 'kubectl set env deploy/web --list --resolve')).toBe(
      '# Deployment web, container nginx\nA=1\nP_A_X=1\nUSER=u',
    );
    expect(run(s, 'kubectl set env deploy/web A- --dry-run=client -o name')).toBe('deployment.apps/web');
    expect(run(s, 'kubectl set env deploy/web A- --dry-run=server')).toBe(
      'deployment.apps/web env updated (server dry run)',
    );
    expect(deploy(s).spec.template.spec.containers[0]!.env?.map((e) => e.name)).toEqual([
      'A',
      'P_A_X',
      'USER',
    ]);
    expect(run(s, 'kubectl set env deploy/web A-')).toBe('deployment.apps/web env updated');
    expect(run(s, 'kubectl set env deploy/web A-')).toBe('');
    sh(s, 'sim advance 60s');
    // Revisions 1 and 2 (the images), then one per env change: A=1, the ConfigMap, the Secret, A-.
    expect(run(s, 'kubectl rollout history deploy/web').split('\n').slice(2).filter(Boolean)).toEqual([
      '1         <none>',
      '2         <none>',
      '3         <none>',
      '4         <none>',
      '5         <none>',
      '6         <none>',
    ]);
    const pods = s.cluster.api
      .list<Pod>('Pod', 'default')
      .filter((p) => p.metadata.name.startsWith('web-') && !p.metadata.deletionTimestamp);
    expect(pods).toHaveLength(2);
    for (const p of pods) expect(p.spec.containers[0]!.env?.map((e) => e.name)).toEqual(['P_A_X', 'USER']);
  });

  it('names the errors kubectl names', () => {
    const s = revisionsSession();
    expect(run(s, 'kubectl set env deploy/web --from=configmap/nope')).toBe(
      'Error from server (NotFound): configmaps "nope" not found',
    );
    expect(run(s, 'kubectl set env deploy/web --from=deployment/web')).toBe(
      'error: unsupported resource specified in --from',
    );
    expect(run(s, 'kubectl set env deploy')).toBe(
      'error: resource(s) were provided, but no name was specified',
    );
    expect(run(s, 'kubectl set env deploy web')).toBe('');
    expect(run(s, 'kubectl run pod1 --image=nginx\nkubectl set env pod pod1 X=1').split('\n')[1]).toBe(
      'error: failed to patch env update to pod template: The Pod "pod1" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    );
  });
});

describe('taint', () => {
  it('puts new taints first, says tainted / untainted / modified, and keeps no dry-run suffix', () => {
    const s = podsSession();
    const taints = () => s.cluster.api.get<Node>('Node', undefined, 'worker-1')!.spec.taints;
    expect(run(s, 'kubectl taint nodes worker-1 a=b:NoSchedule')).toBe('node/worker-1 tainted');
    expect(run(s, 'kubectl taint nodes worker-1 a=b:NoSchedule')).toBe(
      'error: node worker-1 already has a taint(s) with same effect(s) and --overwrite is false',
    );
    expect(run(s, 'kubectl taint nodes worker-1 a=c:NoSchedule --overwrite')).toBe('node/worker-1 modified');
    expect(run(s, 'kubectl taint nodes worker-1 c=d:NoExecute -o name')).toBe('node/worker-1');
    expect(run(s, "kubectl taint nodes worker-1 e:PreferNoSchedule -o jsonpath='{.spec.taints}'")).toBe(
      '[{"effect":"PreferNoSchedule","key":"e"},{"effect":"NoExecute","key":"c","timeAdded":"2026-01-01T00:00:30Z","value":"d"},{"effect":"NoSchedule","key":"a","value":"c"}]',
    );
    expect(
      run(
        s,
        "kubectl taint nodes worker-1 e:PreferNoSchedule- --dry-run=client -o jsonpath='{.spec.taints}'",
      ),
    ).toBe(
      '[{"effect":"NoExecute","key":"c","timeAdded":"2026-01-01T00:00:30Z","value":"d"},{"effect":"NoSchedule","key":"a","value":"c"}]',
    );
    expect(run(s, 'kubectl taint nodes worker-1 e:PreferNoSchedule- --dry-run=server')).toBe(
      'node/worker-1 untainted',
    );
    expect(taints()).toHaveLength(3);
    expect(run(s, 'kubectl taint nodes worker-1 e- f:NoSchedule')).toBe('node/worker-1 modified');
    expect(run(s, 'kubectl taint nodes worker-1 zz- a-')).toBe('error: taint "zz" not found');
    expect(run(s, 'kubectl taint nodes worker-1 worker-2 g=h:NoSchedule')).toBe(
      'node/worker-1 tainted\nnode/worker-2 tainted',
    );
    expect(run(s, 'kubectl taint nodes --all g-')).toBe(
      'node/worker-1 untainted\nnode/worker-2 untainted\nerror: taint "g" not found',
    );
    expect(run(s, 'kubectl taint nodes --all nope-')).toBe(
      'taint "nope" not found\ntaint "nope" not found\ntaint "nope" not found',
    );
    expect(run(s, 'kubectl taint node/worker-1 x=y:NoSchedule')).toBe(
      'the server doesn\'t have a resource type "node/worker-1"',
    );
    expect(run(s, 'kubectl taint nodes worker-1 x=y:NoSchedule x:NoSchedule-')).toBe(
      'error: can not both modify and remove the following taint(s) in the same command: x=NoSchedule',
    );
    expect(run(s, 'kubectl taint nodes worker-1 a=b=c:NoSchedule')).toBe(
      "error: invalid taint spec: a=b=c:NoSchedule\nSee 'kubectl taint -h' for help and examples",
    );
    // `zz- a-` failed as a whole, so `a` is still there.
    expect(taints()?.map((t) => t.key)).toEqual(['f', 'c', 'a']);
  });
});
