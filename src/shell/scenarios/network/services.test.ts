/**
 * Services, kube-proxy load spreading, readiness and reaching the cluster from outside, as a learner would.
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../sim/api/types';
import type { EndpointSlice, Service } from '../../../sim/api/networkTypes';
import { SERVICE, run, outputOf, hostnames } from './fixtures';

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
