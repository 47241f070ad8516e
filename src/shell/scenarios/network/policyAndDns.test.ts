/**
 * NetworkPolicy, Service validation and options, sim iptables, cluster DNS, node failure and snapshots.
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../sim/api/types';
import type { Service } from '../../../sim/api/networkTypes';
import { SERVICE, files, run, outputOf, hostnames } from './fixtures';

describe('NetworkPolicy', () => {
  it('blocks with a default deny, then lets an allow rule through for the selected client only', () => {
    const deny = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-ingress
spec:
  podSelector: {}
  policyTypes:
  - Ingress
`;
    const allow = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-client
spec:
  podSelector:
    matchLabels:
      app: web
  ingress:
  - from:
    - podSelector:
        matchLabels:
          run: client
    ports:
    - port: 8080
`;
    const { transcript, session } = run(
      `kubectl apply -f web.yaml
kubectl apply -f client.yaml
kubectl run other --image=busybox:1.36 --restart=Never -- sleep 3600
sim advance 30s
kubectl exec client -- wget -qO- -T 2 http://web
kubectl apply -f deny.yaml
kubectl exec client -- wget -qO- -T 2 http://web
kubectl apply -f allow.yaml
kubectl exec client -- wget -qO- -T 2 http://web
kubectl exec other -- wget -qO- -T 2 http://web
kubectl get networkpolicy`,
      1,
      { 'deny.yaml': deny, 'allow.yaml': allow },
    );
    const parts = transcript.split('$ kubectl exec client -- wget -qO- -T 2 http://web\n').slice(1);
    expect(hostnames(parts[0]!)).toHaveLength(1);
    expect(parts[1]).toMatch(/^wget: download timed out/);
    expect(hostnames(parts[2]!)).toHaveLength(1);
    expect(outputOf(transcript, 'kubectl exec other -- wget -qO- -T 2 http://web')).toContain(
      'wget: download timed out',
    );
    expect(
      session.cluster.log
        .all()
        .some((e) => e.kind === 'traffic' && e.verb === 'drop' && e.summary.includes('default-deny-ingress')),
    ).toBe(true);
  });
});

describe('Service validation', () => {
  it('refuses missing ports, bad types, unnamed multiple ports and taken ClusterIPs', () => {
    const { transcript } = run(
      `kubectl create service clusterip dns --tcp=53:53 --clusterip=10.96.0.10
kubectl create service clusterip outside --tcp=80:80 --clusterip=10.0.0.1
kubectl apply -f noports.yaml
kubectl apply -f twoports.yaml`,
      1,
      {
        'noports.yaml':
          'apiVersion: v1\nkind: Service\nmetadata:\n  name: np\nspec:\n  selector:\n    app: x\n',
        'twoports.yaml':
          'apiVersion: v1\nkind: Service\nmetadata:\n  name: tp\nspec:\n  type: Fancy\n  ports:\n  - port: 80\n  - port: 81\n',
      },
    );
    expect(transcript).toContain(
      'error: failed to create ClusterIP service: Service "dns" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated',
    );
    expect(transcript).toContain(
      'failed to allocate IP 10.0.0.1: the provided IP (10.0.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    );
    expect(transcript).toContain('The Service "np" is invalid: spec.ports: Required value');
    expect(transcript).toContain(
      'spec.type: Unsupported value: "Fancy": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    );
    expect(transcript).toContain('spec.ports[1].name: Required value');
  });
});

describe('sim iptables', () => {
  it("prints the node's rules with the real chain names and probabilities", () => {
    const { transcript } = run(`kubectl apply -f web.yaml
sim advance 30s
sim iptables worker-1`);
    const text = outputOf(transcript, 'sim iptables worker-1');
    expect(text).toContain(
      '-A KUBE-SERVICES -d 10.96.0.1/32 -p tcp -m comment --comment "default/kubernetes:https cluster IP" -m tcp --dport 443 -j KUBE-SVC-NPX46M4PTMTKRN6Y',
    );
    expect(text).toContain(
      '-m comment --comment "kube-system/kube-dns:dns cluster IP" -m udp --dport 53 -j KUBE-SVC-TCOU7JCQXEZGVUNU',
    );
    expect(text).toMatch(
      /--comment "default\/web -> 10\.244\.\d+\.\d+:8080" -m statistic --mode random --probability 0\.33333333349/,
    );
    expect(text).toMatch(
      /--comment "default\/web -> 10\.244\.\d+\.\d+:8080" -m statistic --mode random --probability 0\.50000000000/,
    );
  });
});

describe('cluster DNS details', () => {
  const headless = `apiVersion: v1
kind: Service
metadata:
  name: web-hl
spec:
  clusterIP: None
  selector:
    app: web
  ports:
  - port: 8080
`;
  const egressDeny = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-egress
spec:
  podSelector:
    matchLabels:
      run: client
  policyTypes:
  - Egress
`;
  const { transcript, session } = run(
    `kubectl apply -f web.yaml
kubectl apply -f client.yaml
kubectl apply -f headless.yaml
kubectl create namespace other
kubectl create deployment api -n other --image=gcr.io/google-samples/hello-app:1.0 --port=8080
kubectl expose deployment api -n other --port=80 --target-port=8080
kubectl create service externalname ext --external-name=example.com
sim advance 30s
kubectl exec client -- cat /etc/resolv.conf
kubectl exec client -- nslookup web-hl
kubectl exec client -- wget -qO- http://api.other
kubectl exec client -- wget -qO- http://api
kubectl exec client -- nslookup ext
kubectl get svc web-hl
kubectl apply -f egress.yaml
kubectl exec client -- wget -qO- -T 2 http://web`,
    1,
    { 'headless.yaml': headless, 'egress.yaml': egressDeny },
  );

  it('gives ClusterFirst pods the search path and the cluster DNS server', () => {
    expect(outputOf(transcript, 'kubectl exec client -- cat /etc/resolv.conf')).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
  });

  it('answers a headless Service with the ready pod IPs and shows no ClusterIP', () => {
    const ips = session.cluster.api
      .list<Pod>('Pod', 'default')
      .filter((p) => p.metadata.labels?.app === 'web')
      .map((p) => p.status.podIP!);
    const out = outputOf(transcript, 'kubectl exec client -- nslookup web-hl');
    for (const ip of ips) expect(out).toContain(`Address: ${ip}`);
    expect(outputOf(transcript, 'kubectl get svc web-hl')).toMatch(
      /web-hl\s+ClusterIP\s+None\s+<none>\s+8080\/TCP/,
    );
  });

  it('resolves other namespaces as <svc>.<ns> but not by the bare name', () => {
    expect(hostnames(outputOf(transcript, 'kubectl exec client -- wget -qO- http://api.other'))[0]).toMatch(
      /^api-/,
    );
    expect(outputOf(transcript, 'kubectl exec client -- wget -qO- http://api')).toContain(
      "wget: bad address 'api'",
    );
  });

  it('answers an ExternalName Service with its canonical name', () => {
    expect(outputOf(transcript, 'kubectl exec client -- nslookup ext')).toContain('Name:\texample.com');
  });

  it('blocks DNS and traffic when egress is denied', () => {
    expect(outputOf(transcript, 'kubectl exec client -- wget -qO- -T 2 http://web')).toContain(
      "wget: bad address 'web'",
    );
  });
});

describe('Service options', () => {
  it('sticks a client to one pod with sessionAffinity ClientIP', () => {
    const sticky = `${SERVICE('web', '  sessionAffinity: ClientIP\n')}`;
    const { transcript } = run(
      `kubectl apply -f web.yaml
kubectl apply -f sticky.yaml
kubectl apply -f client.yaml
sim advance 30s
${Array.from({ length: 10 }, () => 'kubectl exec client -- wget -qO- http://web').join('\n')}`,
      3,
      { 'sticky.yaml': sticky },
    );
    const names = hostnames(transcript);
    expect(names).toHaveLength(10);
    expect(new Set(names).size).toBe(1);
  });

  it('sends NodePort traffic with externalTrafficPolicy Local only to pods on the receiving node', () => {
    const local = SERVICE('web', '  type: NodePort\n  externalTrafficPolicy: Local\n').replace(
      'targetPort: http',
      'targetPort: http\n    nodePort: 30090',
    );
    const { transcript, session } = run(
      `kubectl apply -f web.yaml
kubectl apply -f local.yaml
sim advance 30s
${Array.from({ length: 6 }, () => 'curl -s http://192.168.49.3:30090/').join('\n')}`,
      1,
      { 'local.yaml': local },
    );
    const onWorker1 = new Set(
      session.cluster.api
        .list<Pod>('Pod', 'default')
        .filter((p) => p.spec.nodeName === 'worker-1' && p.metadata.labels?.app === 'web')
        .map((p) => p.metadata.name),
    );
    const names = hostnames(transcript);
    expect(onWorker1.size).toBeGreaterThan(0);
    expect(names).toHaveLength(6);
    for (const n of names) expect(onWorker1.has(n)).toBe(true);
  });

  it('gives an Ingress without a class the default IngressClass nginx', () => {
    const ing = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: plain
spec:
  defaultBackend:
    service:
      name: web
      port:
        number: 80
`;
    const { session, transcript } = run(
      `kubectl apply -f web.yaml
kubectl apply -f ing.yaml
kubectl get ingressclass
sim advance 30s
curl -s http://192.168.49.4/anything`,
      1,
      { 'ing.yaml': ing },
    );
    expect(session.cluster.api.get('Ingress', 'default', 'plain')?.spec.ingressClassName).toBe('nginx');
    expect(transcript).toMatch(/nginx\s+k8s\.io\/ingress-nginx\s+<none>/);
    expect(hostnames(outputOf(transcript, 'curl -s http://192.168.49.4/anything'))[0]).toMatch(/^web-/);
  });
});

describe('node failure', () => {
  it('times out on the lost node until its pod is marked not ready, then routes around it; its tables freeze', () => {
    const pinned = files['client.yaml'].replace('spec:\n', 'spec:\n  nodeName: worker-2\n');
    const { session } = run(
      `kubectl apply -f web.yaml
kubectl apply -f pinned.yaml
sim advance 30s`,
      1,
      { 'pinned.yaml': pinned },
    );
    const c = session.cluster;
    const lost = c.api
      .list<Pod>('Pod', 'default')
      .filter((p) => p.metadata.labels?.app === 'web' && p.spec.nodeName === 'worker-1');
    expect(lost.length).toBeGreaterThan(0);
    session.exec('sim node fail worker-1');
    const during = session.exec(
      Array.from({ length: 12 }, () => 'kubectl exec client -- wget -qO- -T 1 http://web').join('\n'),
    ).output;
    expect(during).toContain('wget: download timed out');
    const frozen = session.exec('sim iptables worker-1').output;
    session.exec('sim advance 60s');
    const after = session.exec(
      Array.from({ length: 12 }, () => 'kubectl exec client -- wget -qO- -T 1 http://web').join('\n'),
    ).output;
    expect(after).not.toContain('timed out');
    expect(hostnames(after)).toHaveLength(12);
    for (const p of lost) expect(hostnames(after)).not.toContain(p.metadata.name);
    expect(session.exec('sim iptables worker-1').output.replace(/on .*\n/g, '')).toBe(
      frozen.replace(/on .*\n/g, ''),
    );
    expect(session.exec('sim iptables worker-2').output).not.toContain(`${lost[0]!.status.podIP}:8080`);
  });
});

describe('Service updates', () => {
  it('keeps the ClusterIP across applies and drops NodePorts when going back to ClusterIP', () => {
    const base = SERVICE('web');
    const np = SERVICE('web', '  type: NodePort\n');
    const { transcript, session } = run(
      `kubectl apply -f a.yaml
kubectl apply -f a.yaml
kubectl apply -f b.yaml
kubectl apply -f b.yaml
kubectl apply -f a.yaml`,
      1,
      { 'a.yaml': base, 'b.yaml': np },
    );
    expect(transcript.match(/service\/web (created|configured|unchanged)/g)).toEqual([
      'service/web created',
      'service/web unchanged',
      'service/web configured',
      'service/web unchanged',
      'service/web configured',
    ]);
    const svc = session.cluster.api.get<Service>('Service', 'default', 'web')!;
    expect(svc.spec.type).toBe('ClusterIP');
    expect(svc.spec.ports?.[0]?.nodePort).toBeUndefined();
    expect(svc.spec.externalTrafficPolicy).toBeUndefined();
    const r = session.cluster.api.mutate<Service>('Service', 'default', 'web', (s) => {
      s.spec.clusterIP = '10.96.99.99';
      s.spec.clusterIPs = ['10.96.99.99'];
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.message).toContain(
        'spec.clusterIPs[0]: Invalid value: []string{"10.96.99.99"}: may not change once set',
      );
  });
});

describe('NetworkPolicy namespaceSelector', () => {
  it('admits clients from labelled namespaces only', () => {
    const policy = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: from-team-a
spec:
  podSelector:
    matchLabels:
      app: web
  ingress:
  - from:
    - namespaceSelector:
        matchLabels:
          team: a
`;
    const { transcript } = run(
      `kubectl apply -f web.yaml
kubectl apply -f np.yaml
kubectl create namespace team-a
kubectl label namespace team-a team=a
kubectl create namespace team-b
kubectl run ca -n team-a --image=busybox:1.36 --restart=Never -- sleep 3600
kubectl run cb -n team-b --image=busybox:1.36 --restart=Never -- sleep 3600
sim advance 30s
kubectl exec -n team-a ca -- wget -qO- -T 2 http://web.default
kubectl exec -n team-b cb -- wget -qO- -T 2 http://web.default`,
      1,
      { 'np.yaml': policy },
    );
    expect(
      hostnames(outputOf(transcript, 'kubectl exec -n team-a ca -- wget -qO- -T 2 http://web.default')),
    ).toHaveLength(1);
    expect(outputOf(transcript, 'kubectl exec -n team-b cb -- wget -qO- -T 2 http://web.default')).toContain(
      'download timed out',
    );
  });
});

describe('snapshots', () => {
  it('restores forwards, LoadBalancer state and a failed node frozen tables exactly', () => {
    const { session } = run(`kubectl apply -f web.yaml
kubectl apply -f client.yaml
sim advance 30s
kubectl port-forward svc/web 8080:80
sim node fail worker-1`);
    const c = session.cluster;
    const snap = c.snapshot();
    const script = `kubectl create service loadbalancer lb --tcp=80:8080
kubectl scale deployment web --replicas=5
sim advance 30s
sim iptables worker-1
sim iptables worker-2
curl -s localhost:8080
kubectl exec client -- wget -qO- -T 1 http://web
kubectl get svc`;
    const first = session.exec(script).output;
    c.restore(snap);
    const second = session.exec(script).output;
    expect(second).toBe(first);
    expect(first).toContain('172.18.255.200');
  });
});
