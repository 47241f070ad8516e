import { describe, expect, it } from 'vitest';
import { runScript } from '../session';
import { memoryFs } from '../memoryFs';
import type { Pod } from '../../sim/api/types';
import type { EndpointSlice, Service } from '../../sim/api/networkTypes';
import { deploymentYaml } from '../testing/harness';

const DEPLOY = (name: string, replicas: number, extra = '') =>
  deploymentYaml(name, {
    replicas,
    container: 'hello',
    image: 'gcr.io/google-samples/hello-app:1.0',
    containerLines: 'ports:\n- name: http\n  containerPort: 8080',
    extra,
  });

const SERVICE = (name: string, spec = '') => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector:
    app: ${name}
  ports:
  - port: 80
    targetPort: http
${spec}`;

const files = {
  'web.yaml': `${DEPLOY('web', 3)}---\n${SERVICE('web')}`,
  'client.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: client
  labels:
    run: client
spec:
  containers:
  - name: c
    image: busybox:1.36
    command: ["sleep", "3600"]
`,
};

function run(script: string, seed = 1, extra: Record<string, string> = {}) {
  return runScript(script, { seed, fs: memoryFs({ ...files, ...extra }) });
}

/** The sections of a transcript, by command. */
function outputOf(transcript: string, command: string): string {
  const start = transcript.indexOf(`$ ${command}\n`);
  if (start < 0) throw new Error(`no command ${command}`);
  const rest = transcript.slice(start + command.length + 3);
  const end = rest.indexOf('\n$ ');
  return end < 0 ? rest : rest.slice(0, end + 1);
}

const hostnames = (text: string) => [...text.matchAll(/Hostname: (\S+)/g)].map((m) => m[1]!);

describe('Services: the Deployment + ClusterIP Service example', () => {
  const { transcript, session } = run(`kubectl apply -f web.yaml
kubectl apply -f client.yaml
sim advance 30s
kubectl get svc
kubectl get endpoints web
kubectl get endpointslices
kubectl exec client -- wget -qO- http://web
kubectl exec client -- wget -qO- http://web.default
kubectl exec client -- wget -qO- http://web.default.svc.cluster.local
kubectl exec client -- nslookup web
kubectl exec client -- nslookup kubernetes.default
kubectl exec client -- nslookup nosuch
kubectl exec client -- env
kubectl describe svc web`);
  const c = session.cluster;
  const svc = c.api.get<Service>('Service', 'default', 'web')!;
  const podIps = c.api
    .list<Pod>('Pod', 'default')
    .filter((p) => p.metadata.labels?.app === 'web')
    .map((p) => p.status.podIP!);

  it('allocates a ClusterIP in 10.96.0.0/12 and prints kubectl get svc columns', () => {
    expect(svc.spec.clusterIP).toMatch(/^10\.(9[6-9]|10\d|11[01])\.\d+\.\d+$/);
    const out = outputOf(transcript, 'kubectl get svc');
    expect(out.split('\n')[0]).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE$/);
    expect(out).toMatch(/kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP/);
    expect(out).toMatch(
      new RegExp(`web\\s+ClusterIP\\s+${svc.spec.clusterIP!.replace(/\./g, '\\.')}\\s+<none>\\s+80/TCP`),
    );
  });

  it('keeps Endpoints and an EndpointSlice with the resolved named port', () => {
    const ep = outputOf(transcript, 'kubectl get endpoints web');
    for (const ip of podIps) expect(ep).toContain(`${ip}:8080`);
    const slices = c.api
      .list<EndpointSlice>('EndpointSlice', 'default')
      .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'web');
    expect(slices).toHaveLength(1);
    expect(slices[0]!.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(slices[0]!.ports).toEqual([{ name: '', port: 8080, protocol: 'TCP' }]);
    expect(slices[0]!.endpoints!.map((e) => e.conditions)).toEqual(
      podIps.map(() => ({ ready: true, serving: true, terminating: false })),
    );
    expect(slices[0]!.metadata.ownerReferences?.[0]?.kind).toBe('Service');
  });

  it('resolves <svc>, <svc>.<ns> and the full name through the search path, and answers from a pod', () => {
    const names = ['http://web', 'http://web.default', 'http://web.default.svc.cluster.local'].flatMap((u) =>
      hostnames(outputOf(transcript, `kubectl exec client -- wget -qO- ${u}`)),
    );
    expect(names).toHaveLength(3);
    for (const n of names) expect(n).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5}$/);
    expect(outputOf(transcript, 'kubectl exec client -- nslookup web')).toContain(
      `Name:\tweb.default.svc.cluster.local\nAddress: ${svc.spec.clusterIP}`,
    );
    expect(outputOf(transcript, 'kubectl exec client -- nslookup web')).toContain('Server:\t\t10.96.0.10');
    expect(outputOf(transcript, 'kubectl exec client -- nslookup kubernetes.default')).toContain(
      'Address: 10.96.0.1',
    );
    expect(outputOf(transcript, 'kubectl exec client -- nslookup nosuch')).toContain(
      "** server can't find nosuch: NXDOMAIN",
    );
  });

  it('injects Service environment variables at container start', () => {
    const env = outputOf(transcript, 'kubectl exec client -- env');
    expect(env).toContain(`WEB_SERVICE_HOST=${svc.spec.clusterIP}\n`);
    expect(env).toContain('WEB_SERVICE_PORT=80\n');
    expect(env).toContain(`WEB_PORT=tcp://${svc.spec.clusterIP}:80\n`);
    expect(env).toContain(`WEB_PORT_80_TCP_ADDR=${svc.spec.clusterIP}\n`);
  });

  it('describes the Service like kubectl', () => {
    const d = outputOf(transcript, 'kubectl describe svc web');
    expect(d).toMatch(/Type:\s+ClusterIP/);
    expect(d).toMatch(/TargetPort:\s+http\/TCP/);
    expect(d).toMatch(/Endpoints:\s+10\.244\./);
  });

  it('emits traffic hops: client container → kube-proxy → the answering pod', () => {
    const hops = c.log.all().filter((e) => e.kind === 'traffic' && e.verb === 'GET');
    expect(hops.length).toBeGreaterThanOrEqual(3);
    expect(
      hops.every(
        (h) =>
          h.source.startsWith('kube-proxy/') &&
          /^container\/default\/web-[a-z0-9]+-[a-z0-9]{5}\/hello$/.test(h.target) &&
          h.object?.kind === 'Pod',
      ),
    ).toBe(true);
    expect(c.log.all().some((e) => e.kind === 'traffic' && e.verb === 'dns')).toBe(true);
  });
});

describe('kube-proxy load spreading', () => {
  const script = `kubectl apply -f web.yaml
kubectl apply -f client.yaml
sim advance 30s
${Array.from({ length: 30 }, () => 'kubectl exec client -- wget -qO- http://web').join('\n')}`;

  it('spreads requests over every ready pod, the same way for the same seed', () => {
    const a = run(script, 7);
    const b = run(script, 7);
    const names = hostnames(a.transcript);
    expect(names).toHaveLength(30);
    expect(hostnames(b.transcript)).toEqual(names);
    const counts = new Map<string, number>();
    for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
    expect(counts.size).toBe(3);
    for (const v of counts.values()) expect(v).toBeGreaterThanOrEqual(4);
  });
});

describe('readiness and termination', () => {
  it('drops a pod whose labels stop matching the selector', () => {
    const { session } = run(`kubectl apply -f web.yaml
sim advance 30s`);
    const c = session.cluster;
    const victim = c.api.list<Pod>('Pod', 'default').find((p) => p.metadata.labels?.app === 'web')!;
    session.exec(`kubectl label pod ${victim.metadata.name} app=gone --overwrite`);
    const slice = () =>
      c.api
        .list<EndpointSlice>('EndpointSlice', 'default')
        .find((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'web')!;
    expect(slice().endpoints!.map((e) => e.targetRef?.name)).not.toContain(victim.metadata.name);
  });

  it('follows readiness probes: a pod failing its probe is ready=false and gets no traffic', () => {
    const nginx = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ng
spec:
  replicas: 3
  selector:
    matchLabels:
      app: ng
  template:
    metadata:
      labels:
        app: ng
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
        readinessProbe:
          exec:
            command: ["cat", "/tmp/ready"]
          periodSeconds: 2
---
apiVersion: v1
kind: Service
metadata:
  name: ng
spec:
  selector:
    app: ng
  ports:
  - port: 80
`;
    const { session } = run(
      `kubectl apply -f ng.yaml
kubectl apply -f client.yaml
sim advance 20s`,
      1,
      { 'ng.yaml': nginx },
    );
    const c = session.cluster;
    const ng = () => c.api.list<Pod>('Pod', 'default').filter((p) => p.metadata.labels?.app === 'ng');
    const slice = () =>
      c.api
        .list<EndpointSlice>('EndpointSlice', 'default')
        .find((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'ng')!;
    expect(slice().endpoints!.map((e) => e.conditions.ready)).toEqual([false, false, false]);
    expect(session.exec('kubectl exec client -- wget -qO- -T 2 http://ng').output).toContain(
      "can't connect to remote host",
    );
    const [a, b, unready] = ng();
    session.exec(
      `kubectl exec ${a!.metadata.name} -- touch /tmp/ready\nkubectl exec ${b!.metadata.name} -- touch /tmp/ready\nsim advance 5s`,
    );
    const conds = Object.fromEntries(slice().endpoints!.map((e) => [e.targetRef!.name, e.conditions]));
    expect(conds[a!.metadata.name]).toEqual({ ready: true, serving: true, terminating: false });
    expect(conds[unready!.metadata.name]).toEqual({ ready: false, serving: false, terminating: false });
    const since = c.log.all().length ? c.log.all()[c.log.all().length - 1]!.seq : 0;
    session.exec(Array.from({ length: 12 }, () => 'kubectl exec client -- wget -qO- http://ng').join('\n'));
    const answered = c.log
      .since(since)
      .filter((e) => e.kind === 'traffic' && e.verb === 'GET')
      .map((e) => e.object?.name);
    expect(answered).toHaveLength(12);
    expect(new Set(answered)).toEqual(new Set([a!.metadata.name, b!.metadata.name]));
  });

  it('marks an unready pod ready=false, serving=false and routes around it', () => {
    const { session } = run(`kubectl apply -f web.yaml
kubectl apply -f client.yaml
sim advance 30s`);
    const c = session.cluster;
    const victim = c.api.list<Pod>('Pod', 'default').find((p) => p.metadata.labels?.app === 'web')!;
    c.api.mutate<Pod>(
      'Pod',
      'default',
      victim.metadata.name,
      (p) => {
        p.status.conditions = p.status.conditions!.map((x) =>
          x.type === 'Ready' ? { ...x, status: 'False' } : x,
        );
      },
      { status: true, actor: 'kubelet/worker-1' },
    );
    c.settle();
    const s = c.api
      .list<EndpointSlice>('EndpointSlice', 'default')
      .find((x) => x.metadata.labels?.['kubernetes.io/service-name'] === 'web')!;
    const e = s.endpoints!.find((x) => x.targetRef?.name === victim.metadata.name)!;
    expect(e.conditions).toEqual({ ready: false, serving: false, terminating: false });
    const out = session.exec(
      Array.from({ length: 12 }, () => 'kubectl exec client -- wget -qO- http://web').join('\n'),
    ).output;
    const names = hostnames(out);
    expect(names).toHaveLength(12);
    expect(names).not.toContain(victim.metadata.name);
    expect(session.exec('kubectl get endpoints web').output).not.toContain(`${victim.status.podIP}:8080`);
  });

  it('marks a terminating pod terminating=true and ready=false', () => {
    const { session } = run(`kubectl apply -f web.yaml
sim advance 30s`);
    const c = session.cluster;
    const victim = c.api.list<Pod>('Pod', 'default').find((p) => p.metadata.labels?.app === 'web')!;
    session.exec(`kubectl delete pod ${victim.metadata.name} --wait=false`);
    const s = c.api
      .list<EndpointSlice>('EndpointSlice', 'default')
      .find((x) => x.metadata.labels?.['kubernetes.io/service-name'] === 'web')!;
    const e = s.endpoints!.find((x) => x.targetRef?.name === victim.metadata.name);
    expect(e?.conditions.terminating).toBe(true);
    expect(e?.conditions.ready).toBe(false);
  });
});

describe('from outside the cluster', () => {
  it('reaches a NodePort on any node IP and refuses bad nodePorts with the real messages', () => {
    const { transcript } = run(
      `kubectl apply -f web.yaml
kubectl create service nodeport web2 --tcp=80:8080 --node-port=30080
kubectl create service nodeport bad --tcp=80:80 --node-port=80
kubectl create service nodeport dup --tcp=81:80 --node-port=30080
kubectl apply -f webnp.yaml
kubectl get svc web
sim advance 30s
curl -s http://192.168.49.3:30081/
curl -s http://192.168.49.4:30081/
curl http://10.96.0.1/ -m 2`,
      1,
      {
        'webnp.yaml': SERVICE('web', '  type: NodePort\n').replace(
          'targetPort: http',
          'targetPort: http\n    nodePort: 30081',
        ),
      },
    );
    expect(outputOf(transcript, 'kubectl create service nodeport bad --tcp=80:80 --node-port=80')).toContain(
      'spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
    expect(
      outputOf(transcript, 'kubectl create service nodeport dup --tcp=81:80 --node-port=30080'),
    ).toContain('spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated');
    expect(outputOf(transcript, 'kubectl get svc web')).toMatch(
      /web\s+NodePort\s+\S+\s+<none>\s+80:30081\/TCP/,
    );
    expect(hostnames(outputOf(transcript, 'curl -s http://192.168.49.3:30081/'))).toHaveLength(1);
    expect(hostnames(outputOf(transcript, 'curl -s http://192.168.49.4:30081/'))).toHaveLength(1);
    expect(outputOf(transcript, 'curl http://10.96.0.1/ -m 2')).toContain('curl: (28)');
  });

  it('gives a LoadBalancer an external IP from the cloud pool after <pending>', () => {
    const { transcript, session } = run(`kubectl apply -f web.yaml
kubectl expose deployment web --name=web-lb --type=LoadBalancer --port=80 --target-port=8080
kubectl get svc web-lb
sim advance 30s
kubectl get svc web-lb
curl -s http://172.18.255.200/
kubectl describe svc web-lb`);
    expect(outputOf(transcript, 'kubectl describe svc web-lb')).toMatch(
      /LoadBalancer Ingress:\s+172\.18\.255\.200 \(VIP\)\n/,
    );
    expect(outputOf(transcript, 'kubectl describe svc web-lb')).toMatch(
      /Normal\s+EnsuredLoadBalancer\s+\S+\s+service-controller\s+Ensured load balancer/,
    );
    const before = outputOf(transcript, 'kubectl get svc web-lb');
    expect(before).toMatch(/web-lb\s+LoadBalancer\s+\S+\s+<pending>\s+80:3\d{4}\/TCP/);
    const lb = session.cluster.api.get<Service>('Service', 'default', 'web-lb')!;
    expect(lb.status?.loadBalancer?.ingress?.[0]?.ip).toBe('172.18.255.200');
    expect(transcript).toMatch(/web-lb\s+LoadBalancer\s+\S+\s+172\.18\.255\.200\s+80:3\d{4}\/TCP/);
    expect(hostnames(outputOf(transcript, 'curl -s http://172.18.255.200/'))).toHaveLength(1);
  });

  it('routes Ingress hosts and paths through the ingress controller', () => {
    const ing = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: demo
spec:
  ingressClassName: nginx
  rules:
  - host: hello.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web
            port:
              number: 80
      - path: /echo
        pathType: Prefix
        backend:
          service:
            name: echo
            port:
              name: http
`;
    const { transcript } = run(
      `kubectl apply -f web.yaml
kubectl create deployment echo --image=registry.k8s.io/echoserver:1.10 --port=8080
kubectl create service clusterip echo --tcp=8080:8080
kubectl apply -f ing.yaml
sim advance 30s
kubectl get ingress
curl -s -H 'Host: hello.example.com' http://192.168.49.2/
curl -s http://hello.example.com/echo/x
curl -s http://hello.example.com/echoes
curl -s -H 'Host: other.example.com' http://192.168.49.2/
curl -s http://nowhere.example.com/`,
      1,
      { 'ing.yaml': ing.replace('name: http', 'number: 8080') },
    );
    expect(outputOf(transcript, 'kubectl get ingress')).toMatch(
      /demo\s+nginx\s+hello\.example\.com\s+192\.168\.49\.2\s+80/,
    );
    expect(
      hostnames(outputOf(transcript, "curl -s -H 'Host: hello.example.com' http://192.168.49.2/"))[0],
    ).toMatch(/^web-/);
    expect(hostnames(outputOf(transcript, 'curl -s http://hello.example.com/echo/x'))[0]).toMatch(/^echo-/);
    expect(hostnames(outputOf(transcript, 'curl -s http://hello.example.com/echoes'))[0]).toMatch(/^web-/);
    expect(outputOf(transcript, "curl -s -H 'Host: other.example.com' http://192.168.49.2/")).toContain(
      '404 Not Found',
    );
    expect(outputOf(transcript, 'curl -s http://nowhere.example.com/')).toBe('');
  });

  it('forwards a local port with kubectl port-forward, then curl localhost reaches the pod', () => {
    const { transcript } = run(`kubectl apply -f web.yaml
sim advance 30s
kubectl port-forward svc/web 8080:80
curl localhost:8080
curl localhost:9090
kubectl port-forward pod/nosuch 7000:80`);
    expect(outputOf(transcript, 'kubectl port-forward svc/web 8080:80')).toBe(
      'Forwarding from 127.0.0.1:8080 -> 8080\nForwarding from [::1]:8080 -> 8080\n',
    );
    expect(hostnames(outputOf(transcript, 'curl localhost:8080'))).toHaveLength(1);
    expect(outputOf(transcript, 'curl localhost:9090')).toContain(
      "curl: (7) Failed to connect to localhost port 9090 after 0 ms: Couldn't connect to server",
    );
    expect(outputOf(transcript, 'kubectl port-forward pod/nosuch 7000:80')).toContain(
      'pods "nosuch" not found',
    );
  });
});

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
