/**
 * Schemas shared by several kinds: ObjectMeta, LabelSelector, PodSpec and its parts.
 * Descriptions are short forms of the Kubernetes API reference texts (what `kubectl explain` prints).
 */
import {
  any,
  arr,
  bool,
  int,
  ios,
  map,
  obj,
  qty,
  str,
  describe,
  type ObjectSchema,
  type Schema,
} from '../api/schema';

export const ownerReference = obj(
  'OwnerReference',
  {
    apiVersion: str('API version of the referent.'),
    kind: str('Kind of the referent.'),
    name: str('Name of the referent.'),
    uid: str('UID of the referent.'),
    controller: bool('If true, this reference points to the managing controller.'),
    blockOwnerDeletion: bool(
      'If true, the owner cannot be deleted from the key-value store until this reference is removed (foreground deletion).',
    ),
  },
  { required: ['apiVersion', 'kind', 'name', 'uid'] },
);

export const objectMeta = obj(
  'ObjectMeta',
  {
    name: str('Name must be unique within a namespace. Cannot be updated.'),
    generateName: str(
      'Optional prefix used by the server to generate a unique name if name is not provided.',
    ),
    namespace: str('The namespace the object belongs to. An empty namespace is "default".'),
    uid: str('Unique identifier set by the server on creation. Read-only.'),
    resourceVersion: str(
      'Opaque value for the internal version of this object, used for optimistic concurrency and watch. Read-only.',
    ),
    generation: int(
      'A sequence number representing a specific generation of the desired state. Read-only.',
      'int64',
    ),
    creationTimestamp: str('Time when the object was created on the server. Read-only.'),
    deletionTimestamp: str(
      'Time after which the object will be deleted; set when a graceful deletion is requested. Read-only.',
    ),
    deletionGracePeriodSeconds: int(
      'Seconds allowed for graceful termination before the object is removed. Read-only.',
      'int64',
    ),
    labels: map(
      str(),
      'Map of string keys and values used to organize and select objects (by selectors of controllers and services).',
    ),
    annotations: map(str(), 'Unstructured key-value map for arbitrary metadata; not queryable.'),
    ownerReferences: arr(
      ownerReference,
      'Objects this object depends on. When all owners are deleted, this object is garbage collected.',
    ),
    finalizers: arr(str(), 'Must be empty before the object is deleted from the registry.'),
    managedFields: arr(any(), 'Field ownership information of server-side apply.'),
    selfLink: str('Deprecated.'),
  },
  { description: "Standard object's metadata." },
);

export const labelSelector = obj(
  'LabelSelector',
  {
    matchLabels: map(
      str(),
      'A map of {key,value} pairs; each is equivalent to a matchExpressions element with operator "In".',
    ),
    matchExpressions: arr(
      obj(
        'LabelSelectorRequirement',
        {
          key: str('The label key that the selector applies to.'),
          operator: str('Relationship of the key to a set of values: In, NotIn, Exists and DoesNotExist.', [
            'In',
            'NotIn',
            'Exists',
            'DoesNotExist',
          ]),
          values: arr(
            str(),
            'Values; must be non-empty for In and NotIn, empty for Exists and DoesNotExist.',
          ),
        },
        { required: ['key', 'operator'] },
      ),
      'A list of label selector requirements, ANDed.',
    ),
  },
  {
    description:
      'A label query over a set of resources. An empty selector matches all objects; a null one matches none.',
  },
);

const keyToPath = obj(
  'KeyToPath',
  {
    key: str('The key to project.'),
    path: str('Relative path of the file to map the key to.'),
    mode: int('File mode bits.'),
  },
  { required: ['key', 'path'] },
);

const execAction = obj('ExecAction', {
  command: arr(str(), 'Command line to execute inside the container; exit status 0 is healthy.'),
});
const httpGetAction = obj(
  'HTTPGetAction',
  {
    path: str('Path to access on the HTTP server.'),
    port: ios('Name or number of the port to access on the container.'),
    host: str('Host name to connect to, defaults to the pod IP.'),
    scheme: str('Scheme to use for connecting to the host. Defaults to HTTP.', ['HTTP', 'HTTPS']),
    httpHeaders: arr(
      obj('HTTPHeader', { name: str(), value: str() }),
      'Custom headers to set in the request.',
    ),
  },
  { required: ['port'] },
);
const tcpSocketAction = obj(
  'TCPSocketAction',
  {
    port: ios('Number or name of the port to access on the container.'),
    host: str('Optional host name, defaults to the pod IP.'),
  },
  { required: ['port'] },
);

export const probe = obj(
  'Probe',
  {
    exec: execAction,
    httpGet: httpGetAction,
    tcpSocket: tcpSocketAction,
    grpc: obj(
      'GRPCAction',
      { port: int('Port number of the gRPC service.'), service: str() },
      { required: ['port'] },
    ),
    initialDelaySeconds: int(
      'Seconds after the container has started before probes are initiated. Defaults to 0.',
    ),
    periodSeconds: int('How often (in seconds) to perform the probe. Default 10, minimum 1.'),
    timeoutSeconds: int('Seconds after which the probe times out. Default 1, minimum 1.'),
    successThreshold: int(
      'Minimum consecutive successes for the probe to be considered successful after having failed. Default 1; must be 1 for liveness and startup.',
    ),
    failureThreshold: int(
      'Consecutive failures for the probe to be considered failed after having succeeded. Default 3, minimum 1.',
    ),
    terminationGracePeriodSeconds: int(
      'Optional duration in seconds the pod needs to terminate gracefully upon probe failure.',
      'int64',
    ),
  },
  {
    description:
      'Probe describes a health check to be performed against a container to determine whether it is alive or ready to receive traffic.',
  },
);

const envVarSource = obj('EnvVarSource', {
  configMapKeyRef: obj(
    'ConfigMapKeySelector',
    {
      name: str('Name of the ConfigMap.'),
      key: str('The key to select.'),
      optional: bool('Whether the ConfigMap or its key must be defined.'),
    },
    { required: ['key'] },
  ),
  secretKeyRef: obj(
    'SecretKeySelector',
    {
      name: str('Name of the Secret.'),
      key: str('The key of the secret to select from.'),
      optional: bool('Whether the Secret or its key must be defined.'),
    },
    { required: ['key'] },
  ),
  fieldRef: obj(
    'ObjectFieldSelector',
    {
      apiVersion: str(),
      fieldPath: str('Path of the field to select, e.g. metadata.name, status.podIP, spec.nodeName.'),
    },
    { required: ['fieldPath'] },
  ),
  resourceFieldRef: obj(
    'ResourceFieldSelector',
    { containerName: str(), resource: str('Required: resource to select, e.g. limits.cpu.'), divisor: qty() },
    { required: ['resource'] },
  ),
});

export const resources = obj(
  'ResourceRequirements',
  {
    limits: map(qty(), 'Maximum amount of compute resources allowed (cpu, memory, ephemeral-storage).'),
    requests: map(
      qty(),
      'Minimum amount of compute resources required; the scheduler uses requests to place the pod. Defaults to limits when omitted.',
    ),
    claims: arr(any()),
  },
  { description: 'Compute resources required by this container.' },
);

const lifecycleHandler = obj('LifecycleHandler', {
  exec: execAction,
  httpGet: httpGetAction,
  tcpSocket: tcpSocketAction,
  sleep: obj('SleepAction', { seconds: int('', 'int64') }),
});

export const container = obj(
  'Container',
  {
    name: str(
      'Name of the container specified as a DNS_LABEL. Each container in a pod must have a unique name. Cannot be updated.',
    ),
    image: str('Container image name, e.g. nginx:1.27 or registry.k8s.io/pause:3.9.'),
    command: arr(
      str(),
      "Entrypoint array. Not executed within a shell. The image's ENTRYPOINT is used if this is not provided.",
    ),
    args: arr(str(), "Arguments to the entrypoint. The image's CMD is used if this is not provided."),
    workingDir: str("Container's working directory. Defaults to the image's WORKDIR."),
    ports: arr(
      obj(
        'ContainerPort',
        {
          name: str('An IANA_SVC_NAME for the port, referable by services.'),
          containerPort: int("Number of port to expose on the pod's IP address (1–65535)."),
          hostPort: int('Number of port to expose on the host.'),
          hostIP: str('What host IP to bind the external port to.'),
          protocol: str('Protocol for port. Defaults to "TCP".', ['TCP', 'UDP', 'SCTP']),
        },
        { required: ['containerPort'] },
      ),
      'List of ports to expose from the container. Informational: a container listening on 0.0.0.0 is reachable anyway.',
    ),
    envFrom: arr(
      obj('EnvFromSource', {
        prefix: str('An optional identifier to prepend to each key.'),
        configMapRef: obj('ConfigMapEnvSource', { name: str(), optional: bool() }),
        secretRef: obj('SecretEnvSource', { name: str(), optional: bool() }),
      }),
      'Sources to populate environment variables in the container (every key of a ConfigMap or Secret).',
    ),
    env: arr(
      obj(
        'EnvVar',
        {
          name: str('Name of the environment variable.'),
          value: str('Value; $(VAR_NAME) references are expanded.'),
          valueFrom: envVarSource,
        },
        { required: ['name'] },
      ),
      'List of environment variables to set in the container.',
    ),
    resources,
    volumeMounts: arr(
      obj(
        'VolumeMount',
        {
          name: str('This must match the Name of a Volume.'),
          mountPath: str('Path within the container at which the volume should be mounted.'),
          subPath: str(
            "Path within the volume from which the container's volume should be mounted (never updated afterwards).",
          ),
          readOnly: bool('Mounted read-only if true.'),
          mountPropagation: str(),
          subPathExpr: str(),
        },
        { required: ['name', 'mountPath'] },
      ),
      "Pod volumes to mount into the container's filesystem.",
    ),
    volumeDevices: arr(any()),
    livenessProbe: describe(
      probe,
      'Periodic probe of container liveness. The container is restarted if the probe fails.',
    ),
    readinessProbe: describe(
      probe,
      'Periodic probe of container service readiness. The container is removed from service endpoints if the probe fails.',
    ),
    startupProbe: describe(
      probe,
      'StartupProbe indicates that the pod has successfully initialized. Other probes wait until it succeeds; if it fails the container is restarted.',
    ),
    lifecycle: obj(
      'Lifecycle',
      { postStart: lifecycleHandler, preStop: lifecycleHandler },
      { description: 'Actions the management system should take in response to container lifecycle events.' },
    ),
    terminationMessagePath: str(
      'File into which the termination message is written. Defaults to /dev/termination-log.',
    ),
    terminationMessagePolicy: str('How the termination message is populated. Defaults to File.', [
      'File',
      'FallbackToLogsOnError',
    ]),
    imagePullPolicy: str(
      'Always, Never, IfNotPresent. Defaults to Always if :latest tag is specified (or no tag), or IfNotPresent otherwise.',
      ['Always', 'Never', 'IfNotPresent'],
    ),
    securityContext: any('Security options the container should be run with.'),
    stdin: bool(),
    stdinOnce: bool(),
    tty: bool(),
    restartPolicy: str(
      'Only for init containers: "Always" makes it a sidecar that keeps running beside the app containers.',
      ['Always'],
    ),
    resizePolicy: arr(any()),
  },
  { required: ['name'], description: 'A single application container that you want to run within a pod.' },
);

const nodeSelectorRequirement = obj(
  'NodeSelectorRequirement',
  {
    key: str('The label key that the selector applies to.'),
    operator: str("Represents a key's relationship to a set of values.", [
      'In',
      'NotIn',
      'Exists',
      'DoesNotExist',
      'Gt',
      'Lt',
    ]),
    values: arr(str()),
  },
  { required: ['key', 'operator'] },
);
const nodeSelectorTerm = obj('NodeSelectorTerm', {
  matchExpressions: arr(nodeSelectorRequirement),
  matchFields: arr(nodeSelectorRequirement),
});
const podAffinityTerm = obj(
  'PodAffinityTerm',
  {
    labelSelector,
    namespaces: arr(str()),
    namespaceSelector: labelSelector,
    topologyKey: str(
      'Co-locate (affinity) or not (anti-affinity) with pods matching the selector on nodes whose value of this label key matches.',
    ),
    matchLabelKeys: arr(str()),
    mismatchLabelKeys: arr(str()),
  },
  { required: ['topologyKey'] },
);
const weightedPodAffinityTerm = obj(
  'WeightedPodAffinityTerm',
  { weight: int('Weight in the range 1-100.'), podAffinityTerm },
  { required: ['weight', 'podAffinityTerm'] },
);
const podAffinity = (goType: string, description: string): ObjectSchema =>
  obj(
    goType,
    {
      requiredDuringSchedulingIgnoredDuringExecution: arr(podAffinityTerm),
      preferredDuringSchedulingIgnoredDuringExecution: arr(weightedPodAffinityTerm),
    },
    { description },
  );

export const affinity = obj(
  'Affinity',
  {
    nodeAffinity: obj(
      'NodeAffinity',
      {
        requiredDuringSchedulingIgnoredDuringExecution: obj(
          'NodeSelector',
          { nodeSelectorTerms: arr(nodeSelectorTerm, 'A list of node selector terms, ORed.') },
          { required: ['nodeSelectorTerms'] },
        ),
        preferredDuringSchedulingIgnoredDuringExecution: arr(
          obj(
            'PreferredSchedulingTerm',
            { weight: int('Weight in the range 1-100.'), preference: nodeSelectorTerm },
            { required: ['weight', 'preference'] },
          ),
        ),
      },
      { description: 'Describes node affinity scheduling rules for the pod.' },
    ),
    podAffinity: podAffinity('PodAffinity', 'Co-locate this pod in the same node, zone, etc. as other pods.'),
    podAntiAffinity: podAffinity(
      'PodAntiAffinity',
      'Avoid putting this pod in the same node, zone, etc. as other pods.',
    ),
  },
  { description: "If specified, the pod's scheduling constraints." },
);

export const toleration = obj('Toleration', {
  key: str('The taint key that the toleration applies to. Empty means match all taint keys.'),
  operator: str("Key's relationship to the value: Exists or Equal. Defaults to Equal.", ['Exists', 'Equal']),
  value: str('The taint value the toleration matches to.'),
  effect: str('The taint effect to match. Empty means match all taint effects.', [
    'NoSchedule',
    'PreferNoSchedule',
    'NoExecute',
  ]),
  tolerationSeconds: int(
    'For NoExecute: how long the pod stays bound after the taint is added. Unset: forever.',
    'int64',
  ),
});

const volumeSource: Record<string, Schema> = {
  emptyDir: obj(
    'EmptyDirVolumeSource',
    { medium: str('"" or "Memory".'), sizeLimit: qty() },
    { description: "A temporary directory that shares a pod's lifetime." },
  ),
  hostPath: obj(
    'HostPathVolumeSource',
    { path: str('Path of the directory on the host.'), type: str() },
    { required: ['path'], description: "A file or directory on the node's filesystem." },
  ),
  configMap: obj(
    'ConfigMapVolumeSource',
    { name: str(), items: arr(keyToPath), defaultMode: int(), optional: bool() },
    { description: 'A ConfigMap whose keys become files.' },
  ),
  secret: obj(
    'SecretVolumeSource',
    { secretName: str(), items: arr(keyToPath), defaultMode: int(), optional: bool() },
    { description: 'A Secret whose keys become files.' },
  ),
  persistentVolumeClaim: obj(
    'PersistentVolumeClaimVolumeSource',
    { claimName: str('Name of a PersistentVolumeClaim in the same namespace as the pod.'), readOnly: bool() },
    { required: ['claimName'] },
  ),
  projected: any(
    'Items for all-in-one resources: secrets, configmaps, downward API and service account tokens.',
  ),
  downwardAPI: any('Downward API about the pod that should populate this volume.'),
  nfs: any(),
  csi: any(),
  ephemeral: any(),
};

export const volume = obj(
  'Volume',
  { name: str("Volume's name; must be a DNS_LABEL and unique within the pod."), ...volumeSource },
  { required: ['name'] },
);

export const podSpec = obj(
  'PodSpec',
  {
    containers: arr(
      container,
      'List of containers belonging to the pod. There must be at least one container in a Pod. Cannot be updated.',
    ),
    initContainers: arr(
      container,
      'Containers run in order before the app containers start; each must succeed. With restartPolicy Always, an init container is a sidecar.',
    ),
    ephemeralContainers: arr(any()),
    volumes: arr(volume, 'List of volumes that can be mounted by containers belonging to the pod.'),
    restartPolicy: str(
      'Restart policy for all containers within the pod: Always, OnFailure, Never. Default Always.',
      ['Always', 'OnFailure', 'Never'],
    ),
    terminationGracePeriodSeconds: int(
      'Seconds the pod needs to terminate gracefully (SIGTERM, then SIGKILL). Defaults to 30.',
      'int64',
    ),
    activeDeadlineSeconds: int(
      'Seconds the pod may be active before the system actively tries to mark it failed.',
      'int64',
    ),
    dnsPolicy: str('DNS policy for the pod. Defaults to "ClusterFirst".', [
      'ClusterFirstWithHostNet',
      'ClusterFirst',
      'Default',
      'None',
    ]),
    nodeSelector: map(
      str(),
      "A selector which must match a node's labels for the pod to be scheduled on that node.",
    ),
    serviceAccountName: str('Name of the ServiceAccount to use to run this pod.'),
    serviceAccount: str('Deprecated alias for serviceAccountName.'),
    automountServiceAccountToken: bool(),
    nodeName: str('Request to schedule this pod onto a specific node; the scheduler is bypassed.'),
    hostNetwork: bool("Use the host's network namespace."),
    hostPID: bool("Use the host's pid namespace."),
    hostIPC: bool("Use the host's ipc namespace."),
    shareProcessNamespace: bool('Share a single process namespace between all of the containers in a pod.'),
    securityContext: any('Pod-level security attributes.'),
    imagePullSecrets: arr(obj('LocalObjectReference', { name: str() })),
    hostname: str("Hostname of the pod. Defaults to the pod's name."),
    subdomain: str('The pod\'s FQDN becomes "<hostname>.<subdomain>.<namespace>.svc.cluster.local".'),
    affinity,
    schedulerName: str('The scheduler that dispatches the pod. Defaults to "default-scheduler".'),
    tolerations: arr(toleration, "The pod's tolerations."),
    hostAliases: arr(any()),
    priorityClassName: str(),
    priority: int('The priority value; higher is more important.'),
    dnsConfig: any(),
    readinessGates: arr(any()),
    runtimeClassName: str(),
    enableServiceLinks: bool(
      "Whether information about services is injected into the pod's environment variables. Defaults to true.",
    ),
    preemptionPolicy: str('', ['Never', 'PreemptLowerPriority']),
    overhead: map(qty()),
    topologySpreadConstraints: arr(
      obj(
        'TopologySpreadConstraint',
        {
          maxSkew: int('The degree to which pods may be unevenly distributed.'),
          topologyKey: str('The key of node labels; nodes with the same value are in the same topology.'),
          whenUnsatisfiable: str("How to deal with a pod if it doesn't satisfy the spread constraint.", [
            'DoNotSchedule',
            'ScheduleAnyway',
          ]),
          labelSelector,
          minDomains: int(),
          nodeAffinityPolicy: str('', ['Honor', 'Ignore']),
          nodeTaintsPolicy: str('', ['Honor', 'Ignore']),
          matchLabelKeys: arr(str()),
        },
        { required: ['maxSkew', 'topologyKey', 'whenUnsatisfiable'] },
      ),
      'How a group of pods ought to spread across topology domains.',
    ),
    schedulingGates: arr(
      obj('PodSchedulingGate', { name: str() }, { required: ['name'] }),
      'While any gate remains, the pod stays SchedulingGated.',
    ),
    os: obj('PodOS', { name: str('', ['linux', 'windows']) }),
    setHostnameAsFQDN: bool(),
    hostUsers: bool(),
    resourceClaims: arr(any()),
  },
  { required: ['containers'], description: 'Specification of the desired behavior of the pod.' },
);

export const podTemplateSpec = obj(
  'PodTemplateSpec',
  { metadata: objectMeta, spec: podSpec },
  { description: 'Template describing the pods that will be created.' },
);

/** Root schema helper: apiVersion, kind, metadata + the given fields. */
export function rootSchema(
  goType: string,
  description: string,
  fields: Record<string, Schema>,
  required: string[] = [],
): ObjectSchema {
  return obj(
    goType,
    {
      apiVersion: str('APIVersion defines the versioned schema of this representation of an object.'),
      kind: str('Kind is a string value representing the REST resource this object represents.'),
      metadata: objectMeta,
      ...fields,
    },
    { description, required },
  );
}
