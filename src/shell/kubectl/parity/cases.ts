/**
 * The command lines the parity test runs through both the real kubectl client and ours, compared byte for
 * byte (stdout, stderr, exit status). Every line is client-side (`--dry-run=client`, flag validation): the
 * real client runs against a kubeconfig whose server is a closed loopback port, so a line that secretly
 * needs the server fails there. Lines whose real client reads API discovery before printing (found by
 * running them against the closed port) carry `discovery`, the reason; they run against a discovery-only
 * server that lists the simulation's kinds.
 */

export interface ParityCase {
  /** The argv after `kubectl`, as a shell would split it (quotes honoured, no expansion). */
  line: string;
  /** `lab`: the real client reads the lab's own kubeconfig (for `kubectl config …`). */
  kubeconfig?: 'lab';
  /** Set when the real client reads API discovery for this line: why it cannot run fully offline. */
  discovery?: string;
}

/** Files both clients see in their working directory (a temp dir for the real one, a memory fs for ours). */
export const PARITY_FILES: Record<string, string> = {
  'app.properties': 'color=blue\nsize=large\n',
  'game.env': '# comment\nLIVES=3\nenemies=aliens\n',
  'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: "1"\n',
  'conf/a.txt': 'alpha\n',
  'names.tmpl': '{{range $k, $v := .metadata.labels}}{{$k}}={{$v}}{{"\\n"}}{{end}}',
  'conf/b.txt': 'beta\n',
  // For the `--local -f` lines of label, annotate, patch and set.
  'pod.yaml':
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n    env:\n    - name: A\n      value: "1"\n',
  'deploy.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx\n      - name: side\n        image: busybox\n        env:\n        - name: X\n          value: "1"\n',
  'ds.yaml':
    'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\n  namespace: ops\nspec:\n  selector:\n    matchLabels:\n      app: agent\n  template:\n    metadata:\n      labels:\n        app: agent\n    spec:\n      initContainers:\n      - name: init\n        image: busybox\n      containers:\n      - name: agent\n        image: fluentd\n',
  'nolabels.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n',
  // A self-signed P-256 pair (CN=shop.example.com): the real client checks that certificate and key match.
  'tls.crt':
    '-----BEGIN CERTIFICATE-----\nMIIBjjCCATOgAwIBAgIUQyD9KVQxTPwDlyr4h2izX/ZPZwMwCgYIKoZIzj0EAwIw\nGzEZMBcGA1UEAwwQc2hvcC5leGFtcGxlLmNvbTAgFw0yNjEyMDYyMDM2MDJaGA8y\nMTI2MTExMjIwMzYwMlowGzEZMBcGA1UEAwwQc2hvcC5leGFtcGxlLmNvbTBZMBMG\nByqGSM49AgEGCCqGSM49AwEHA0IABDIDv+ieB2GSLxoTuGx2KHEtxVmwuOqrvzYZ\nMoV2xUNdO29C0fRRznHQIIDtrbu2QVzJDAbiff4HBp31b9NOQQmjUzBRMB0GA1Ud\nDgQWBBSv5FOLlPtNfVwRSK8+lweAxEZORzAfBgNVHSMEGDAWgBSv5FOLlPtNfVwR\nSK8+lweAxEZORzAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0kAMEYCIQDa\nuBn3/sYp4O2yuXKJ05elyCSfOuZz81LCB2cSUhinXAIhAM6ELbzkxIsOUTaP9nZT\nCsOJHAg0dd6vRtAGe4GE4Hh7\n-----END CERTIFICATE-----\n',
  'tls.key':
    '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIDSg0a4p9j80tOY3CcsYBA3ApilfGG4L+LAerg3ZYPqMoAoGCCqGSM49\nAwEHoUQDQgAEMgO/6J4HYZIvGhO4bHYocS3FWbC46qu/NhkyhXbFQ107b0LR9FHO\ncdAggO2tu7ZBXMkMBuJ9/gcGnfVv005BCQ==\n-----END EC PRIVATE KEY-----\n',
};

const RUN =
  'kubectl run maps the Pod kind to its resource through discovery (RESTMapper) even for --dry-run=client';
const ROLE = 'create role/clusterrole map each --resource (and its API group) through discovery';
const both = (line: string, discovery?: string): ParityCase[] =>
  ['yaml', 'json'].map((o) => ({ line: `${line} -o ${o}`, ...(discovery ? { discovery } : {}) }));

export const PARITY_CASES: ParityCase[] = [
  // create deployment
  ...both('create deployment web --image=nginx --dry-run=client'),
  ...both('create deployment web --image=nginx --replicas=3 --port=80 --dry-run=client'),
  { line: 'create deployment web --image=nginx --image=redis --dry-run=client -o yaml' },
  { line: 'create deployment web --image=busybox --dry-run=client -o yaml -- sleep 3600' },
  { line: 'create deployment web --image=nginx -n shop --dry-run=client -o yaml' },
  { line: 'create deployment web --image=nginx --dry-run=client -o name' },
  { line: 'create deployment web --dry-run=client -o yaml' },
  // create namespace
  ...both('create namespace shop --dry-run=client'),
  { line: 'create namespace shop --dry-run=client -o name' },
  // create configmap
  ...both('create configmap cfg --from-literal=a=1 --from-literal=b=two --dry-run=client'),
  { line: 'create configmap cfg --from-file=app.properties --dry-run=client -o yaml' },
  { line: 'create configmap cfg --from-file=conf --dry-run=client -o yaml' },
  { line: 'create configmap cfg --from-env-file=game.env --dry-run=client -o yaml' },
  { line: 'create configmap cfg --from-literal=port=80 --from-literal=on=yes --dry-run=client -o yaml' },
  { line: 'create configmap cfg --from-literal=bad --dry-run=client -o yaml' },
  // create secret
  ...both('create secret generic s --from-literal=user=admin --from-literal=pass=s3cr3t --dry-run=client'),
  { line: 'create secret generic s --dry-run=client -o yaml' },
  {
    line: 'create secret generic s --type=kubernetes.io/basic-auth --from-literal=username=u --dry-run=client -o yaml',
  },
  ...both('create secret tls t --cert=tls.crt --key=tls.key --dry-run=client'),
  ...both('create secret docker-registry reg --docker-username=u --docker-password=p --dry-run=client'),
  {
    line: 'create secret docker-registry reg --docker-server=r.io --docker-username=u --docker-password=p --docker-email=a@b.c --dry-run=client -o yaml',
  },
  // create service
  ...both('create service clusterip web --tcp=80:8080 --dry-run=client'),
  { line: 'create service clusterip web --clusterip=None --dry-run=client -o yaml' },
  ...both('create service nodeport web --tcp=80:8080 --node-port=30080 --dry-run=client'),
  { line: 'create service loadbalancer web --tcp=80 --dry-run=client -o yaml' },
  ...both('create service externalname ext --external-name=example.com --dry-run=client'),
  { line: 'create service clusterip web --dry-run=client -o yaml' },
  // create job / cronjob
  ...both('create job once --image=busybox --dry-run=client'),
  { line: 'create job once --image=busybox --dry-run=client -o yaml -- echo hi' },
  ...both("create cronjob tick --image=busybox --schedule='*/5 * * * *' --dry-run=client"),
  {
    line: 'create cronjob tick --image=busybox --schedule=@hourly --restart=Never --dry-run=client -o yaml -- date',
  },
  // create quota
  ...both('create quota q --hard=cpu=1,memory=1G,pods=2 --dry-run=client'),
  { line: 'create quota q --hard=pods=100 --scopes=BestEffort --dry-run=client -o yaml' },
  // create serviceaccount, rbac, ingress, pdb, priorityclass
  ...both('create serviceaccount robot --dry-run=client'),
  ...both('create rolebinding rb --role=reader --user=alice --serviceaccount=default:robot --dry-run=client'),
  { line: 'create rolebinding rb --clusterrole=view --group=devs --dry-run=client -o yaml' },
  ...both('create clusterrolebinding crb --clusterrole=view --user=alice --dry-run=client'),
  { line: 'create role r --verb=get --resource=pods --dry-run=client -o yaml', discovery: ROLE },
  { line: 'create clusterrole cr --verb=get --resource=pods --dry-run=client -o yaml', discovery: ROLE },
  ...both('create ingress web --rule=shop.example.com/=web:80 --dry-run=client'),
  {
    line: 'create ingress web --class=nginx --rule=a.com/api*=api:8080 --rule=a.com/=web:http --dry-run=client -o yaml',
  },
  ...both('create poddisruptionbudget pdb --selector=app=web --min-available=2 --dry-run=client'),
  { line: 'create pdb pdb --selector=app=web --max-unavailable=50% --dry-run=client -o yaml' },
  ...both('create priorityclass high --value=1000 --description=important --dry-run=client'),
  {
    line: 'create priorityclass low --value=10 --global-default --preemption-policy=Never --dry-run=client -o yaml',
  },
  // run
  ...both('run web --image=nginx --dry-run=client', RUN),
  ...both('run web --image=nginx --port=80 --labels=app=web,tier=fe --env=A=1 --dry-run=client', RUN),
  { line: 'run box --image=busybox --restart=Never --dry-run=client -o yaml -- sleep 3600', discovery: RUN },
  { line: 'run box --image=busybox --command --dry-run=client -o yaml -- sh -c date', discovery: RUN },
  {
    line: 'run web --image=nginx --image-pull-policy=IfNotPresent -n shop --dry-run=client -o yaml',
    discovery: RUN,
  },
  { line: 'run web --image=nginx --dry-run=client -o name', discovery: RUN },
  { line: 'run web --dry-run=client -o yaml' },
  { line: 'run web --image=nginx --restart=Sometimes --dry-run=client -o yaml' },
  // client-side validation: error texts and exit status
  { line: 'run --dry-run=client -o yaml' },
  { line: 'run web --image=nginx --env=BAD --dry-run=client -o yaml' },
  { line: 'run web --image=nginx --labels=bad --dry-run=client -o yaml' },
  { line: 'run web --image=nginx --port=x --dry-run=client -o yaml' },
  { line: 'run web --image=nginx --restart=Never --rm --dry-run=client -o yaml' },
  { line: 'create job j --dry-run=client -o yaml' },
  { line: 'create job j --image=busybox --from=cronjob/x --dry-run=client -o yaml' },
  { line: 'create cronjob c --image=busybox --dry-run=client -o yaml' },
  { line: 'create cronjob c --image=busybox --schedule=x --restart=Always --dry-run=client -o yaml' },
  { line: 'create deployment a b --image=nginx --dry-run=client -o yaml' },
  { line: 'create configmap --dry-run=client -o yaml' },
  { line: 'create secret generic --dry-run=client -o yaml' },
  { line: 'create secret tls t --cert=tls.crt --dry-run=client -o yaml' },
  { line: 'create secret docker-registry r --docker-username=u --dry-run=client -o yaml' },
  { line: 'create service clusterip --dry-run=client -o yaml' },
  { line: 'create quota q --hard=cpu --dry-run=client -o yaml' },
  { line: 'create namespace --dry-run=client -o yaml' },
  { line: 'create serviceaccount a b --dry-run=client -o yaml' },
  { line: 'create rolebinding rb --user=a --dry-run=client -o yaml' },
  { line: 'create rolebinding rb --role=a --clusterrole=b --dry-run=client -o yaml' },
  { line: 'create rolebinding rb --role=r --serviceaccount=robot --dry-run=client -o yaml' },
  {
    line: 'create rolebinding rb --role=r --user=a,b --group=g1 --group=g2 -n shop --dry-run=client -o yaml',
  },
  { line: 'create clusterrolebinding crb --user=a --dry-run=client -o yaml' },
  { line: 'create clusterrolebinding crb --role=a --dry-run=client -o yaml' },
  { line: 'create ingress i --dry-run=client -o yaml' },
  { line: 'create ingress i --rule=foo --dry-run=client -o yaml' },
  { line: 'create ingress i --default-backend=svc --dry-run=client -o yaml' },
  { line: 'create ingress i --rule=/=svc:80,tls --dry-run=client -o yaml' },
  {
    line: 'create ingress i --rule=a.com/=svc:80,tls=sec --default-backend=def:8080 --annotation=a=b --dry-run=client -o json',
  },
  { line: 'create ingress i --rule=a.com/*=svc:80 --rule=b.com/x=svc2:81 --dry-run=client -o yaml' },
  { line: 'create pdb p --min-available=1 --dry-run=client -o yaml' },
  { line: 'create pdb p --selector=app=web --dry-run=client -o yaml' },
  { line: 'create pdb p --selector=app=web --min-available=1 --max-unavailable=1 --dry-run=client -o yaml' },
  { line: 'create pdb p --selector=app=web --min-available=x --dry-run=client -o yaml' },
  { line: 'create pdb p --selector=app --min-available=1 --dry-run=client -o json' },
  { line: 'create priorityclass p --dry-run=client -o yaml' },
  { line: 'create priorityclass p --value=1 extra --dry-run=client -o yaml' },
  { line: 'create role r --verb=get --dry-run=client -o yaml' },
  { line: 'create role r --resource=pods --dry-run=client -o yaml' },
  { line: 'create role r --verb=fly --resource=pods --dry-run=client -o yaml', discovery: ROLE },
  { line: 'create role r --verb=get --resource=foo --dry-run=client -o yaml', discovery: ROLE },
  {
    line: 'create role r --verb=get,list --verb=watch --resource=pods,deployments.apps,pods/log --resource-name=a --dry-run=client -o json',
    discovery: ROLE,
  },
  {
    line: 'create clusterrole cr --verb=get --resource=nodes,jobs.batch,cronjobs --dry-run=client -o json',
    discovery: ROLE,
  },
  // -o jsonpath and -o go-template over a generated object (quoted as a shell would take them)
  { line: 'create secret tls t --cert=tls.crt --key=tls.key --dry-run=client -o jsonpath={.data.tls\\.crt}' },
  {
    line: `create deployment web --image=nginx --dry-run=client "-o=jsonpath={.metadata.labels.app}{'\\n'}{.spec.template.spec.containers[*].image}"`,
  },
  {
    line: `create deployment web --image=nginx --image=redis --dry-run=client "-o=jsonpath={range .spec.template.spec.containers[*]}{.name}{'\\t'}{.image}{'\\n'}{end}"`,
  },
  {
    line: 'create configmap cfg --from-literal=app.kubernetes.io/x=1 --dry-run=client -o jsonpath={.data.app\\.kubernetes\\.io/x}',
  },
  { line: 'create deployment web --image=nginx --dry-run=client -o go-template={{.metadata.name}}' },
  {
    line: `create deployment web --image=nginx --replicas=3 --dry-run=client '-o=go-template={{.spec.replicas}} {{.metadata}} {{.nope}} {{index .metadata.labels "app"}}'`,
  },
  {
    line: `create deployment web --image=nginx --image=redis --dry-run=client '-o=go-template={{range .spec.template.spec.containers}}{{.name}}:{{.image}}{{"\\n"}}{{end}}'`,
  },
  {
    line: `create deployment web --image=nginx --dry-run=client '-o=go-template={{if eq .spec.replicas 1}}one{{else}}many{{end}} {{len .spec.template.spec.containers}} {{printf "%s-%d" .metadata.name 7}}'`,
  },
  {
    line: `create deployment web --image=nginx --dry-run=client '-o=go-template={{range $i, $c := .spec.template.spec.containers}}{{$i}} {{$c.name}}{{end}} {{$.kind}} {{with .status}}{{.}}{{else}}none{{end}}'`,
  },
  {
    line: `create secret generic s --from-literal=pw=s3cr3t --dry-run=client '-o=go-template={{.data.pw | base64decode}}'`,
  },
  {
    line: `create deployment web --image=nginx --dry-run=client '-o=go-template={{- with .metadata.labels -}}  {{ .app }}  {{- end -}}'`,
  },
  { line: 'create deployment web --image=nginx --dry-run=client -o go-template-file=names.tmpl' },
  { line: 'create deployment web --image=nginx --dry-run=client -o go-template-file=missing.tmpl' },
  { line: 'create deployment web --image=nginx --dry-run=client -o go-template={{.x' },
  { line: 'create deployment web --image=nginx --dry-run=client -o go-template' },
  // kubectl config: the real client reads the lab's kubeconfig
  { line: 'config view', kubeconfig: 'lab' },
  { line: 'config view -o json', kubeconfig: 'lab' },
  { line: 'config view --minify -o jsonpath={.clusters[0].cluster.server}', kubeconfig: 'lab' },
  { line: 'config view --minify -o \'jsonpath={.contexts[0].context.user}{"\\n"}\'', kubeconfig: 'lab' },
  { line: 'config current-context', kubeconfig: 'lab' },
  // other verbs' client-side checks
  { line: 'apply --server-side --dry-run=client -f cm.yaml' },
  { line: 'label pod web a=1 a-' },
  { line: 'annotate pod web a=1 b=2 a- b-' },
  { line: 'label pod web' },
  // --local -f: label, annotate, patch and set change the file's object on the client and print it
  { line: 'label --local -f pod.yaml tier=fe -o yaml' },
  { line: 'label --local -f pod.yaml tier=fe' },
  { line: 'label --local -f pod.yaml app- -o json' },
  { line: 'label --local -f pod.yaml app-' },
  { line: 'label --local -f pod.yaml app- --overwrite' },
  { line: 'label --local -f pod.yaml app=web' },
  { line: 'label --local -f pod.yaml app=db' },
  { line: 'label --local -f pod.yaml app=db --overwrite -o name' },
  { line: 'label --local -f nolabels.yaml x- -o yaml' },
  { line: 'label --local -f nolabels.yaml x-' },
  { line: 'label --local -f pod.yaml a=1 --dry-run=server' },
  { line: 'label --local pod web a=1' },
  { line: 'label --local a=1' },
  { line: 'label --local -f pod.yaml a=1 -o wide' },
  { line: 'label --local -f pod.yaml a=1 -o custom-columns=A:.kind' },
  { line: 'label --local -f pod.yaml --list -o name' },
  { line: 'label --local -f pod.yaml --list' },
  { line: 'label pod web a=1 b' },
  { line: 'label --local -f pod.yaml a=b=c' },
  { line: "label --local -f pod.yaml a=1 -o 'jsonpath={.metadata.labels}'" },
  { line: 'annotate --local -f pod.yaml note=hi -o yaml' },
  { line: 'annotate --local -f deploy.yaml note=hi' },
  { line: 'annotate --local -f nolabels.yaml x- -o json' },
  { line: 'annotate --local -f nolabels.yaml x-' },
  { line: `patch --local -f pod.yaml -p '{"metadata":{"labels":{"q":"1"}}}' -o yaml` },
  { line: `patch --local -f pod.yaml -p '{"metadata":{"labels":{"q":"1"}}}'` },
  { line: `patch --local -f pod.yaml --type=merge -p '{"metadata":{"labels":{"app":"web"}}}'` },
  { line: `patch --local -f pod.yaml --type=merge -p '{"metadata":{"labels":{"app":null}}}' -o name` },
  { line: `patch --local -f pod.yaml --type=json -p '[{"op":"remove","path":"/metadata/nope"}]'` },
  { line: `patch --local -f pod.yaml --type=json -p '[{"op":"replace","path":"/metadata/nope","value":1}]'` },
  { line: `patch --local pod web -p '{}'` },
  { line: `patch -f pod.yaml -p '{}' --patch-file=x.json` },
  { line: 'set image --local -f deploy.yaml web=nginx:1.27 -o yaml' },
  { line: 'set image --local -f deploy.yaml web=nginx:1.27' },
  { line: 'set image --local -f deploy.yaml web=nginx' },
  { line: 'set image --local -f ds.yaml *=x:1 -o yaml' },
  { line: 'set image --local -f deploy.yaml nope=x -o name' },
  { line: 'set image --local -f deploy.yaml *=x web=y' },
  { line: 'set image --local -f deploy.yaml' },
  { line: 'set image --local -f nolabels.yaml a=b' },
  { line: 'set image --local deploy/web a=b' },
  // set env
  { line: 'set env --local -f deploy.yaml B=2 -o yaml' },
  { line: 'set env --local -f deploy.yaml B=2' },
  { line: 'set env --local -f deploy.yaml --list' },
  { line: 'set env --local -f ds.yaml --list' },
  { line: "set env --local -f deploy.yaml X=2 Y- -c 'si*' --list" },
  { line: 'set env --local -f deploy.yaml X=2 -c nope' },
  { line: 'set env --local -f deploy.yaml X=1 --overwrite=false' },
  { line: 'set env --local -f deploy.yaml X=2 --overwrite=false' },
  { line: 'set env --local -f pod.yaml A- B=2 -o yaml' },
  { line: 'set env --local -f pod.yaml -e C=3 -e D=4 -o json' },
  { line: 'set env --local -f deploy.yaml Z-' },
  {
    line: 'set env --local -f deploy.yaml X=3 --prefix=P_ -o jsonpath={.spec.template.spec.containers[*].env}',
  },
  { line: 'set env --local -f deploy.yaml 1A=2' },
  { line: 'set env --local -f deploy.yaml ..A=2' },
  { line: 'set env --local -f deploy.yaml Q X=1 R' },
  { line: 'set env --local -f deploy.yaml X=2 X-' },
  { line: 'set env --local -f deploy.yaml --keys=a' },
  { line: 'set env --local -f deploy.yaml X=1 --list -o yaml' },
  { line: 'set env --local -f deploy.yaml X=1 --dry-run=server' },
  { line: 'set env --local -f nolabels.yaml X=3' },
  { line: 'set env deploy/web --all -l app=web X=1' },
  // jsonpath over maps: printed as Go's JSON (keys sorted, `<>&` escaped), `{.}` is an empty field name, `{@}`
  // the cursor. (A wildcard over a map, `{.data.*}`, walks Go's random map order: ours goes by sorted key.)
  {
    line: "create configmap m --from-literal=b='<b>&' --from-literal=a=1 --from-literal=c=3 --dry-run=client -o 'jsonpath={.data}|{range .data.*}[{.}]{end}'",
  },
  {
    line: "create deployment web --image=nginx --dry-run=client -o 'jsonpath={.spec.template.spec.containers[0]}'",
  },
  { line: "create configmap m --from-literal=b=2 --from-literal=a=1 --dry-run=client -o 'jsonpath={@}'" },
  {
    line: "create configmap m --from-literal=b=2 --from-literal=a=1 --dry-run=client -o 'jsonpath={..a} {$.data}'",
  },
  // YAML quoting: which strings go plain, single-quoted or double-quoted
  {
    line: "create configmap q --from-literal=a=*/5 --from-literal=b=@x --from-literal=c=a:_b --from-literal=d=yes --from-literal=e=1.5 --from-literal=f=0x1F --from-literal=g=1_000 --from-literal=h=2024-01-01 --from-literal=i=1:20 --from-literal=j=~ --from-literal=k=-x --from-literal=l=x: --from-literal=m=[a] --from-literal=n={a} --from-literal=o=%x --from-literal=p=!x --from-literal=q=&x --from-literal=r=|x --from-literal=s=>x --from-literal=t=#x --from-literal=u=a,b --from-literal=v=?x --from-literal=w='a: b' --from-literal=x='a #b' --from-literal=y=' lead' --from-literal=z='trail ' --dry-run=client -o yaml",
  },
  {
    line: "create configmap q2 --from-literal=a=\"it's\" --from-literal=b='q\"x' --from-literal=c=null --from-literal=d=NO --from-literal=e=.inf --from-literal=f=+1 --from-literal=g=1e3 --from-literal=h=012 --from-literal=i=0b101 --from-literal=j=08 --from-literal=k=- --from-literal=l=a-b --from-literal=m=true_ --from-literal=n='' --from-literal=o=2024-01-01T10:00:00Z --from-literal=p=x@y --from-literal=q=`x --from-literal=r=a\\b --dry-run=client -o yaml",
  },
];
