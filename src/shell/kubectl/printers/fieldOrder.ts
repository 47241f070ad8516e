/**
 * Go struct field order of the Kubernetes API types kubectl's generators build. kubectl prints a typed
 * object (`create deployment … -o json`, `run … --dry-run=client -o json`) with encoding/json, which writes
 * struct fields in declaration order (`kind`, `apiVersion`, `metadata`, `spec`, …) and map keys sorted. Objects
 * read back from the server are unstructured maps, printed sorted; YAML goes through a map and is always sorted.
 * The orders below are the field declarations of k8s.io/api (core/v1, apps/v1, batch/v1, rbac/v1,
 * networking/v1, policy/v1, scheduling/v1) and apimachinery's ObjectMeta and LabelSelector.
 */

/** One struct: its fields in order, each `name` or `name:Type` (`[]Type` for a list of structs). */
const STRUCTS: Record<string, string> = {
  ObjectMeta:
    'name generateName namespace selfLink uid resourceVersion generation creationTimestamp deletionTimestamp deletionGracePeriodSeconds labels annotations ownerReferences:[]OwnerReference finalizers managedFields',
  OwnerReference: 'apiVersion kind name uid controller blockOwnerDeletion',
  LabelSelector: 'matchLabels matchExpressions:[]LabelSelectorRequirement',
  LabelSelectorRequirement: 'key operator values',

  Pod: 'kind apiVersion metadata:ObjectMeta spec:PodSpec status',
  PodTemplateSpec: 'metadata:ObjectMeta spec:PodSpec',
  PodSpec:
    'volumes:[]Volume initContainers:[]Container containers:[]Container ephemeralContainers restartPolicy terminationGracePeriodSeconds activeDeadlineSeconds dnsPolicy nodeSelector serviceAccountName serviceAccount automountServiceAccountToken nodeName hostNetwork hostPID hostIPC shareProcessNamespace securityContext imagePullSecrets hostname subdomain affinity schedulerName tolerations:[]Toleration hostAliases priorityClassName priority dnsConfig readinessGates runtimeClassName enableServiceLinks preemptionPolicy overhead topologySpreadConstraints setHostnameAsFQDN os hostUsers schedulingGates resourceClaims resources',
  Container:
    'name image command args workingDir ports:[]ContainerPort envFrom env:[]EnvVar resources:ResourceRequirements resizePolicy restartPolicy volumeMounts:[]VolumeMount volumeDevices livenessProbe readinessProbe startupProbe lifecycle terminationMessagePath terminationMessagePolicy imagePullPolicy securityContext stdin stdinOnce tty',
  ContainerPort: 'name hostPort containerPort protocol hostIP',
  EnvVar: 'name value valueFrom:EnvVarSource',
  EnvVarSource: 'fieldRef:ObjectFieldSelector resourceFieldRef configMapKeyRef secretKeyRef',
  ObjectFieldSelector: 'apiVersion fieldPath',
  VolumeMount: 'name readOnly recursiveReadOnly mountPath subPath mountPropagation subPathExpr',
  Toleration: 'key operator value effect tolerationSeconds',
  // Volume inlines VolumeSource: the name, then the source fields in their declaration order.
  Volume:
    'name hostPath emptyDir gcePersistentDisk awsElasticBlockStore gitRepo secret nfs iscsi glusterfs persistentVolumeClaim rbd flexVolume cinder cephfs flocker downwardAPI fc azureFile configMap:ConfigMapVolumeSource vsphereVolume quobyte azureDisk photonPersistentDisk projected:ProjectedVolumeSource portworxVolume scaleIO storageos csi ephemeral image',
  ConfigMapVolumeSource: 'name items:[]KeyToPath defaultMode optional',
  ProjectedVolumeSource: 'sources:[]VolumeProjection defaultMode',
  VolumeProjection:
    'secret downwardAPI:DownwardAPIProjection configMap:ConfigMapProjection serviceAccountToken:ServiceAccountTokenProjection clusterTrustBundle',
  ConfigMapProjection: 'name items:[]KeyToPath optional',
  KeyToPath: 'key path mode',
  DownwardAPIProjection: 'items:[]DownwardAPIVolumeFile',
  DownwardAPIVolumeFile: 'path fieldRef:ObjectFieldSelector resourceFieldRef mode',
  ServiceAccountTokenProjection: 'audience expirationSeconds path',
  ResourceRequirements: 'limits requests claims',

  Deployment: 'kind apiVersion metadata:ObjectMeta spec:DeploymentSpec status',
  DeploymentSpec:
    'replicas selector:LabelSelector template:PodTemplateSpec strategy:DeploymentStrategy minReadySeconds revisionHistoryLimit paused progressDeadlineSeconds',
  DeploymentStrategy: 'type rollingUpdate:RollingUpdateDeployment',
  RollingUpdateDeployment: 'maxUnavailable maxSurge',

  Job: 'kind apiVersion metadata:ObjectMeta spec:JobSpec status',
  JobSpec:
    'parallelism completions activeDeadlineSeconds podFailurePolicy successPolicy backoffLimit backoffLimitPerIndex maxFailedIndexes selector:LabelSelector manualSelector template:PodTemplateSpec ttlSecondsAfterFinished completionMode suspend podReplacementPolicy managedBy',
  CronJob: 'kind apiVersion metadata:ObjectMeta spec:CronJobSpec status',
  CronJobSpec:
    'schedule timeZone startingDeadlineSeconds concurrencyPolicy suspend jobTemplate:JobTemplateSpec successfulJobsHistoryLimit failedJobsHistoryLimit',
  JobTemplateSpec: 'metadata:ObjectMeta spec:JobSpec',

  Namespace: 'kind apiVersion metadata:ObjectMeta spec status',
  ConfigMap: 'kind apiVersion metadata:ObjectMeta immutable data binaryData',
  Secret: 'kind apiVersion metadata:ObjectMeta immutable data stringData type',
  ServiceAccount: 'kind apiVersion metadata:ObjectMeta secrets imagePullSecrets automountServiceAccountToken',
  ResourceQuota: 'kind apiVersion metadata:ObjectMeta spec:ResourceQuotaSpec status',
  ResourceQuotaSpec: 'hard scopes scopeSelector',

  Service: 'kind apiVersion metadata:ObjectMeta spec:ServiceSpec status:ServiceStatus',
  ServiceSpec:
    'ports:[]ServicePort selector clusterIP clusterIPs type externalIPs sessionAffinity loadBalancerIP loadBalancerSourceRanges externalName externalTrafficPolicy healthCheckNodePort publishNotReadyAddresses sessionAffinityConfig ipFamilies ipFamilyPolicy allocateLoadBalancerNodePorts loadBalancerClass internalTrafficPolicy trafficDistribution',
  ServicePort: 'name protocol appProtocol port targetPort nodePort',
  ServiceStatus: 'loadBalancer conditions',

  Role: 'kind apiVersion metadata:ObjectMeta rules:[]PolicyRule',
  ClusterRole: 'kind apiVersion metadata:ObjectMeta rules:[]PolicyRule aggregationRule',
  PolicyRule: 'verbs apiGroups resources resourceNames nonResourceURLs',
  RoleBinding: 'kind apiVersion metadata:ObjectMeta subjects:[]Subject roleRef:RoleRef',
  ClusterRoleBinding: 'kind apiVersion metadata:ObjectMeta subjects:[]Subject roleRef:RoleRef',
  Subject: 'kind apiGroup name namespace',
  RoleRef: 'apiGroup kind name',

  Ingress: 'kind apiVersion metadata:ObjectMeta spec:IngressSpec status:IngressStatus',
  IngressSpec: 'ingressClassName defaultBackend:IngressBackend tls:[]IngressTLS rules:[]IngressRule',
  IngressTLS: 'hosts secretName',
  IngressRule: 'host http:HTTPIngressRuleValue',
  HTTPIngressRuleValue: 'paths:[]HTTPIngressPath',
  HTTPIngressPath: 'path pathType backend:IngressBackend',
  IngressBackend: 'service:IngressServiceBackend resource',
  IngressServiceBackend: 'name port:ServiceBackendPort',
  ServiceBackendPort: 'name number',
  IngressStatus: 'loadBalancer',

  PodDisruptionBudget: 'kind apiVersion metadata:ObjectMeta spec:PodDisruptionBudgetSpec status:PDBStatus',
  PodDisruptionBudgetSpec: 'minAvailable selector:LabelSelector maxUnavailable unhealthyPodEvictionPolicy',
  PDBStatus:
    'observedGeneration disruptedPods disruptionsAllowed currentHealthy desiredHealthy expectedPods conditions',
  PriorityClass: 'kind apiVersion metadata:ObjectMeta value globalDefault description preemptionPolicy',

  Config:
    'kind apiVersion preferences clusters:[]NamedCluster users:[]NamedAuthInfo contexts:[]NamedContext current-context extensions',
  NamedCluster: 'name cluster:Cluster',
  Cluster:
    'server tls-server-name insecure-skip-tls-verify certificate-authority certificate-authority-data proxy-url disable-compression extensions',
  NamedAuthInfo: 'name user:AuthInfo',
  AuthInfo:
    'client-certificate client-certificate-data client-key client-key-data token tokenFile as as-uid as-groups as-user-extra username password auth-provider exec extensions',
  NamedContext: 'name context:Context',
  Context: 'cluster user namespace extensions',
  HorizontalPodAutoscaler: 'kind apiVersion metadata:ObjectMeta spec:HPASpec status',
  HPASpec:
    'scaleTargetRef:CrossVersionObjectReference minReplicas maxReplicas targetCPUUtilizationPercentage',
  CrossVersionObjectReference: 'kind name apiVersion',
};

interface Field {
  name: string;
  type?: string;
  list: boolean;
}

const parsed = new Map<string, Field[]>();
function fieldsOf(type: string): Field[] | undefined {
  const hit = parsed.get(type);
  if (hit) return hit;
  const spec = STRUCTS[type];
  if (spec === undefined) return undefined;
  const fields = spec.split(' ').map((f): Field => {
    const [name, t] = f.split(':') as [string, string | undefined];
    if (t === undefined) return { name, list: false };
    return t.startsWith('[]') ? { name, type: t.slice(2), list: true } : { name, type: t, list: false };
  });
  parsed.set(type, fields);
  return fields;
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Deep copy with keys in Go map order (sorted). */
function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (!isObj(v)) return v;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(v).sort()) if (v[key] !== undefined) out[key] = sorted(v[key]);
  return out;
}

function ordered(v: unknown, type: string | undefined): unknown {
  const fields = type ? fieldsOf(type) : undefined;
  if (!fields || !isObj(v)) return sorted(v);
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const x = v[f.name];
    if (x === undefined) continue;
    out[f.name] = f.list && Array.isArray(x) ? x.map((i) => ordered(i, f.type)) : ordered(x, f.type);
  }
  // Fields the table does not know go last, sorted, so nothing is ever dropped.
  for (const key of Object.keys(v).sort())
    if (!(key in out) && v[key] !== undefined) out[key] = sorted(v[key]);
  return out;
}

/** A deep copy of a typed object with its keys in Go struct order (sorted where the kind is unknown). */
export function structOrdered(obj: unknown): unknown {
  const kind = isObj(obj) && typeof obj.kind === 'string' ? obj.kind : undefined;
  return ordered(obj, kind && STRUCTS[kind]?.startsWith('kind ') ? kind : undefined);
}
