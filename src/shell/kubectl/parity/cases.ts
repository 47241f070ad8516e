/**
 * The command lines the parity test runs through both the real kubectl client and ours. Every line is
 * client-side (`--dry-run=client`, `-h`-independent validation): it needs no API server, so the real client
 * runs against a kubeconfig whose server is a closed loopback port. Lines whose real client consults the
 * server (discovery) carry `server`, the reason they are left out of the byte-for-byte comparison.
 */

export interface ParityCase {
  /** The argv after `kubectl`, as a shell would split it (quotes honoured, no expansion). */
  line: string;
  /** Set when the real client needs the API server for this line: why it is not compared offline. */
  server?: string;
}

/** Files both clients see in their working directory (a temp dir for the real one, a memory fs for ours). */
export const PARITY_FILES: Record<string, string> = {
  'app.properties': 'color=blue\nsize=large\n',
  'game.env': '# comment\nLIVES=3\nenemies=aliens\n',
  'conf/a.txt': 'alpha\n',
  'conf/b.txt': 'beta\n',
  // A self-signed P-256 pair (CN=shop.example.com): the real client checks that certificate and key match.
  'tls.crt': '-----BEGIN CERTIFICATE-----\nMIIBjjCCATOgAwIBAgIUQyD9KVQxTPwDlyr4h2izX/ZPZwMwCgYIKoZIzj0EAwIw\nGzEZMBcGA1UEAwwQc2hvcC5leGFtcGxlLmNvbTAgFw0yNjEyMDYyMDM2MDJaGA8y\nMTI2MTExMjIwMzYwMlowGzEZMBcGA1UEAwwQc2hvcC5leGFtcGxlLmNvbTBZMBMG\nByqGSM49AgEGCCqGSM49AwEHA0IABDIDv+ieB2GSLxoTuGx2KHEtxVmwuOqrvzYZ\nMoV2xUNdO29C0fRRznHQIIDtrbu2QVzJDAbiff4HBp31b9NOQQmjUzBRMB0GA1Ud\nDgQWBBSv5FOLlPtNfVwRSK8+lweAxEZORzAfBgNVHSMEGDAWgBSv5FOLlPtNfVwR\nSK8+lweAxEZORzAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0kAMEYCIQDa\nuBn3/sYp4O2yuXKJ05elyCSfOuZz81LCB2cSUhinXAIhAM6ELbzkxIsOUTaP9nZT\nCsOJHAg0dd6vRtAGe4GE4Hh7\n-----END CERTIFICATE-----\n',
  'tls.key': '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIDSg0a4p9j80tOY3CcsYBA3ApilfGG4L+LAerg3ZYPqMoAoGCCqGSM49\nAwEHoUQDQgAEMgO/6J4HYZIvGhO4bHYocS3FWbC46qu/NhkyhXbFQ107b0LR9FHO\ncdAggO2tu7ZBXMkMBuJ9/gcGnfVv005BCQ==\n-----END EC PRIVATE KEY-----\n',
};

const both = (line: string): ParityCase[] => [{ line: `${line} -o yaml` }, { line: `${line} -o json` }];

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
  { line: 'create secret generic s --type=kubernetes.io/basic-auth --from-literal=username=u --dry-run=client -o yaml' },
  ...both('create secret tls t --cert=tls.crt --key=tls.key --dry-run=client'),
  ...both('create secret docker-registry reg --docker-username=u --docker-password=p --dry-run=client'),
  { line: 'create secret docker-registry reg --docker-server=r.io --docker-username=u --docker-password=p --docker-email=a@b.c --dry-run=client -o yaml' },
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
  { line: 'create cronjob tick --image=busybox --schedule=@hourly --restart=Never --dry-run=client -o yaml -- date' },
  // create quota
  ...both('create quota q --hard=cpu=1,memory=1G,pods=2 --dry-run=client'),
  { line: 'create quota q --hard=pods=100 --scopes=BestEffort --dry-run=client -o yaml' },
  // create serviceaccount, rbac, ingress, pdb, priorityclass
  ...both('create serviceaccount robot --dry-run=client'),
  ...both('create rolebinding rb --role=reader --user=alice --serviceaccount=default:robot --dry-run=client'),
  { line: 'create rolebinding rb --clusterrole=view --group=devs --dry-run=client -o yaml' },
  ...both('create clusterrolebinding crb --clusterrole=view --user=alice --dry-run=client'),
  { line: 'create role r --verb=get --resource=pods --dry-run=client -o yaml', server: 'the real client maps --resource through discovery' },
  { line: 'create clusterrole cr --verb=get --resource=pods --dry-run=client -o yaml', server: 'the real client maps --resource through discovery' },
  ...both('create ingress web --rule=shop.example.com/=web:80 --dry-run=client'),
  { line: 'create ingress web --class=nginx --rule=a.com/api*=api:8080 --rule=a.com/=web:http --dry-run=client -o yaml' },
  ...both('create poddisruptionbudget pdb --selector=app=web --min-available=2 --dry-run=client'),
  { line: 'create pdb pdb --selector=app=web --max-unavailable=50% --dry-run=client -o yaml' },
  ...both('create priorityclass high --value=1000 --description=important --dry-run=client'),
  { line: 'create priorityclass low --value=10 --global-default --preemption-policy=Never --dry-run=client -o yaml' },
  // run
  ...both('run web --image=nginx --dry-run=client'),
  ...both('run web --image=nginx --port=80 --labels=app=web,tier=fe --env=A=1 --dry-run=client'),
  { line: 'run box --image=busybox --restart=Never --dry-run=client -o yaml -- sleep 3600' },
  { line: 'run box --image=busybox --command --dry-run=client -o yaml -- sh -c date' },
  { line: 'run web --image=nginx --image-pull-policy=IfNotPresent -n shop --dry-run=client -o yaml' },
  { line: 'run web --image=nginx --dry-run=client -o name' },
  { line: 'run web --dry-run=client -o yaml' },
  { line: 'run web --image=nginx --restart=Sometimes --dry-run=client -o yaml' },
];
