import { describe, expect, it } from 'vitest';
import { kubectlRun, labCluster } from './testHarness';

describe('generators print what kubectl 1.31 prints', () => {
  it('create deployment --dry-run=client -o yaml', () => {
    const c = labCluster();
    const r = kubectlRun(c, 'create deployment web --image=nginx --replicas=3 --dry-run=client -o yaml');
    expect(r.out).toBe(`apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: nginx
        name: nginx
        resources: {}
status: {}
`);
    expect(c.api.get('Deployment', 'default', 'web')).toBeUndefined();
  });

  it('run --dry-run=client -o yaml', () => {
    const c = labCluster();
    expect(kubectlRun(c, 'run nginx --image=nginx --dry-run=client -o yaml').out).toBe(`apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: nginx
  name: nginx
spec:
  containers:
  - image: nginx
    name: nginx
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
`);
  });

  it('run with port, env, labels, restart and a command', () => {
    const c = labCluster();
    const y = kubectlRun(
      c,
      'run bb --image=busybox --port=8080 --env=A=1 --labels=app=bb,tier=x --restart=Never --command --dry-run=client -o json -- sh -c "sleep 1"',
    ).out;
    const pod = JSON.parse(y);
    expect(pod.metadata.labels).toEqual({ app: 'bb', tier: 'x' });
    expect(pod.spec.restartPolicy).toBe('Never');
    expect(pod.spec.containers[0]).toEqual({
      command: ['sh', '-c', 'sleep 1'],
      env: [{ name: 'A', value: '1' }],
      image: 'busybox',
      name: 'bb',
      ports: [{ containerPort: 8080 }],
      resources: {},
    });
  });

  it('create deployment with a registry image names the container from the image', () => {
    const c = labCluster();
    const d = JSON.parse(
      kubectlRun(
        c,
        'create deploy api --image=registry.k8s.io/echoserver:1.10 --port=8080 --dry-run=client -o json',
      ).out,
    );
    expect(d.spec.template.spec.containers).toEqual([
      {
        image: 'registry.k8s.io/echoserver:1.10',
        name: 'echoserver',
        ports: [{ containerPort: 8080 }],
        resources: {},
      },
    ]);
  });

  it('creates for real, and says dry run otherwise', () => {
    const c = labCluster();
    expect(kubectlRun(c, 'create deployment web --image=nginx').out).toBe('deployment.apps/web created\n');
    expect(c.api.get('Deployment', 'default', 'web')!.spec.replicas).toBe(1);
    expect(kubectlRun(c, 'create deployment web2 --image=nginx --dry-run=client').out).toBe(
      'deployment.apps/web2 created (dry run)\n',
    );
    expect(kubectlRun(c, 'create deployment web3 --image=nginx --dry-run=server').out).toBe(
      'deployment.apps/web3 created (server dry run)\n',
    );
    expect(c.api.get('Deployment', 'default', 'web3')).toBeUndefined();
    expect(kubectlRun(c, 'create namespace dev').out).toBe('namespace/dev created\n');
    expect(kubectlRun(c, 'run p --image=nginx -n dev').out).toBe('pod/p created\n');
    expect(c.api.get('Pod', 'dev', 'p')).toBeDefined();
  });

  it('errors: missing image, existing object, no name', () => {
    const c = labCluster();
    expect(kubectlRun(c, 'create deployment web').err).toBe('error: required flag(s) "image" not set\n');
    expect(kubectlRun(c, 'create deployment --image=nginx').err).toBe(
      "error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples\n",
    );
    kubectlRun(c, 'run p --image=nginx');
    const again = kubectlRun(c, 'run p --image=nginx');
    expect(again.code).toBe(1);
    expect(again.err).toBe('Error from server (AlreadyExists): pods "p" already exists\n');
    expect(kubectlRun(c, 'create').err).toContain('error: must specify one of -f and -k');
  });

  it('expose builds a Service from a deployment selector', () => {
    const c = labCluster();
    kubectlRun(c, 'create deployment web --image=nginx --port=80');
    const y = kubectlRun(
      c,
      'expose deployment web --port=8080 --target-port=80 --type=NodePort --dry-run=client -o yaml',
    ).out;
    expect(y).toBe(`apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  ports:
  - port: 8080
    protocol: TCP
    targetPort: 80
  selector:
    app: web
  type: NodePort
status:
  loadBalancer: {}
`);
  });
});
