/** Example manifests (the kubernetes.io tutorial shapes) the editor can insert. */
export interface Snippet {
  id: string;
  labelKey: string;
  content: string;
}

export const SNIPPETS: Snippet[] = [
  {
    id: 'pod',
    labelKey: 'snippet.pod',
    content: `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.14.2
    ports:
    - containerPort: 80
`,
  },
  {
    id: 'deployment',
    labelKey: 'snippet.deployment',
    content: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
  labels:
    app: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports:
        - containerPort: 80
`,
  },
  {
    id: 'service',
    labelKey: 'snippet.service',
    content: `apiVersion: v1
kind: Service
metadata:
  name: my-service
spec:
  selector:
    app: nginx
  ports:
  - protocol: TCP
    port: 80
    targetPort: 80
`,
  },
  {
    id: 'job',
    labelKey: 'snippet.job',
    content: `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  template:
    spec:
      containers:
      - name: pi
        image: perl:5.34.0
        command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]
      restartPolicy: Never
  backoffLimit: 4
`,
  },
  {
    id: 'configmap',
    labelKey: 'snippet.configmap',
    content: `apiVersion: v1
kind: ConfigMap
metadata:
  name: game-demo
data:
  player_initial_lives: "3"
  ui_properties_file_name: "user-interface.properties"
`,
  },
  {
    id: 'daemonset',
    labelKey: 'snippet.daemonset',
    content: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluentd-elasticsearch
  namespace: kube-system
  labels:
    k8s-app: fluentd-logging
spec:
  selector:
    matchLabels:
      name: fluentd-elasticsearch
  template:
    metadata:
      labels:
        name: fluentd-elasticsearch
    spec:
      tolerations:
      - key: node-role.kubernetes.io/control-plane
        operator: Exists
        effect: NoSchedule
      containers:
      - name: fluentd-elasticsearch
        image: quay.io/fluentd_elasticsearch/fluentd:v2.5.2
`,
  },
];

/** Adds a snippet to a file: replaces an empty file, else appends as another YAML document. */
export function insertSnippet(current: string, snippet: string): string {
  if (!current.trim()) return snippet;
  return `${current.replace(/\s*$/, '')}\n---\n${snippet}`;
}
