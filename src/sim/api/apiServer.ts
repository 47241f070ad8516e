/**
 * kube-apiserver: every object goes through one request path — decode (strict) → defaulting → admission →
 * validation → etcd — and every request is a hop in the event log.
 */
import { withFields } from '../util/shapes';
import { cloneJson } from '../util/cloneJson';
import { jsonEqual } from '../util/jsonEqual';
import type { ApiHost } from './apiHost';
import type { ComponentId, SummaryFormat } from '../engine/eventLog';
import type { KObject, KEvent, Pod, ObjectMeta } from './types';
import { KindRegistry, type KindDef } from './kinds';
import { decode } from './schema';
import {
  apiError,
  alreadyExists,
  invalidError,
  notFound,
  type ApiError,
  type ApiResult,
  type FieldError,
} from './errors';
import { validateDnsLabel, validateDnsSubdomain, validateLabels } from './validation';
import { matches, type Selector } from './labels';
import type { WatchHandler } from './store';
import { K8S_SUFFIX_ALPHABET } from '../engine/rng';
import {
  defaultTolerationSeconds,
  namespaceLifecycle,
  serviceAccountAdmission,
  type AdmissionPlugin,
} from './admission';
import { setCondition } from './conditions';
import { EventRecorder } from './eventRecorder';
import { chargeDisruptionBudget } from './eviction';
import { refLabel, refTo } from './objectRef';

export interface RequestOptions {
  /** Internal: the caller hands over a fresh copy the API server may keep (no defensive clone). */
  owned?: boolean;
  /** Who sends the request (for the event log). Default `kubectl`. */
  actor?: ComponentId;
  /** Validate and default, but store nothing. */
  dryRun?: boolean;
  /** Namespace of the request when the object names none. */
  namespace?: string;
  /**
   * The request's fieldValidation directive (kubectl's `--validate`): `Strict` (the default) refuses unknown
   * fields, `Warn` drops them with one warning each, `Ignore` drops them silently.
   */
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  /** Receives each warning of the response (the `Warning` headers kubectl prints). */
  onWarning?: (text: string) => void;
}

export interface DeleteOptions extends RequestOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
}

export const INITIAL_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];
/** Attempts at a free generated name before AlreadyExists (maxNameGenerationCreateAttempts in the registry). */
const MAX_NAME_GENERATION_ATTEMPTS = 8;

/** `deployment.apps`, `pod` — how kubectl names a kind in output lines. */
export function kindResourceName(def: KindDef): string {
  return def.group ? `${def.singular}.${def.group}` : def.singular;
}

export class ApiServer {
  readonly kinds = new KindRegistry();
  readonly admission: AdmissionPlugin[] = [];
  /** Requests served (for benchmarks). */
  requests = 0;
  /** The event recorder (Events about objects, and the index of them). */
  private readonly events: EventRecorder;

  /** @param kinds the kinds it serves, registered in this order (the cluster passes src/sim/kinds' list). */
  constructor(
    readonly cluster: ApiHost,
    kinds: readonly KindDef[],
  ) {
    this.events = new EventRecorder(cluster);
    for (const k of kinds) this.kinds.register(k);
    this.admission.push(namespaceLifecycle, serviceAccountAdmission, defaultTolerationSeconds);
  }

  private get store() {
    return this.cluster.store;
  }

  private hop(actor: ComponentId, verb: string, obj: KObject, persisted: boolean): void {
    const now = this.cluster.now;
    const log = this.cluster.log;
    const ref = refTo(obj);
    log.hop(now, 'request', actor, 'kube-apiserver', verb, ref, requestSummary);
    if (persisted) {
      log.hop(now, 'persist', 'kube-apiserver', 'etcd', verb, ref, storeSummary);
      // Controllers learn about workload objects through their watch (the diagram animates this hop).
      const watcher = this.watchHops[obj.kind];
      if (watcher && actor !== watcher && verb !== 'update-status') {
        const type = verb === 'create' ? 'ADDED' : verb === 'delete' ? 'DELETED' : 'MODIFIED';
        log.hop(now, 'watch', 'kube-apiserver', watcher, type, ref, seesSummary);
      }
    }
  }

  /** kind → the component whose watch the event log shows for writes by others (extendable by modules). */
  readonly watchHops: Record<string, ComponentId> = {
    Deployment: 'kube-controller-manager',
    ReplicaSet: 'kube-controller-manager',
    DaemonSet: 'kube-controller-manager',
    StatefulSet: 'kube-controller-manager',
    Job: 'kube-controller-manager',
    CronJob: 'kube-controller-manager',
    HorizontalPodAutoscaler: 'kube-controller-manager',
    Namespace: 'kube-controller-manager',
    Service: 'cloud-controller-manager',
  };

  // ---------------------------------------------------------------- reads

  get<T extends KObject = KObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    const def = this.kinds.byKind(kind);
    return this.store.get(kind, def && !def.namespaced ? undefined : namespace, name) as T | undefined;
  }

  /** Objects of a kind, optionally in one namespace and matching a selector; sorted by namespace/name. */
  list<T extends KObject = KObject>(kind: string, namespace?: string, selector?: Selector): T[] {
    const all = this.store.list(kind, namespace) as T[];
    return selector ? all.filter((o) => matches(selector, o.metadata.labels)) : all.slice();
  }

  /** Objects through a secondary index (see Store.addIndex). */
  byIndex<T extends KObject = KObject>(kind: string, index: string, value: string): T[] {
    return this.store.byIndex(kind, index, value).slice() as T[];
  }

  watch(kind: string, handler: WatchHandler): () => void {
    return this.store.watch(kind, handler);
  }

  // ---------------------------------------------------------------- writes

  /**
   * Strict decoding of what clients send. The simulator's own components (controllers, kubelets, scheduler) write
   * objects they built from decoded ones, so their requests skip the schema walk (a shortcut for speed only).
   */
  private decodeObject(
    obj: KObject,
    actor: ComponentId,
    opts: RequestOptions = {},
  ): { def: KindDef; pruned?: KObject } | { error: ApiError } {
    const def = this.kinds.byKind(obj.kind, obj.apiVersion);
    if (!def) {
      return {
        error: apiError(
          'NotFound',
          `the server could not find the requested resource (${obj.kind} ${obj.apiVersion})`,
        ),
      };
    }
    if (actor !== 'kubectl' && actor !== 'user' && actor !== 'docker-cli') return { def };
    const res = decode(obj, def.schema);
    const prefix = `${def.kind} in version "${def.version}" cannot be handled as a ${def.kind}: `;
    if (res.typeError) return { error: apiError('BadRequest', prefix + res.typeError) };
    if (res.unknownFields.length && opts.fieldValidation && opts.fieldValidation !== 'Strict') {
      // The decoder drops what the type does not declare; Warn reports each field as a response warning.
      const pruned = cloneJson(obj) as KObject;
      decode(pruned, def.schema, true);
      if (opts.fieldValidation === 'Warn')
        for (const f of res.unknownFields) opts.onWarning?.(`unknown field "${f}"`);
      return { def, pruned };
    }
    if (res.unknownFields.length) {
      return {
        error: apiError(
          'BadRequest',
          `${prefix}strict decoding error: ${res.unknownFields.map((f) => `unknown field "${f}"`).join(', ')}`,
        ),
      };
    }
    return { def };
  }

  private validateMeta(def: KindDef, obj: KObject): FieldError[] {
    const errs: FieldError[] = [];
    const name = obj.metadata.name;
    if (!name)
      errs.push({ type: 'Required', field: 'metadata.name', detail: 'name or generateName is required' });
    else if (def.nameRule === 'label') errs.push(...validateDnsLabel(name, 'metadata.name'));
    else if (def.nameRule === 'subdomain') errs.push(...validateDnsSubdomain(name, 'metadata.name'));
    errs.push(...validateLabels(obj.metadata.labels, 'metadata.labels'));
    return errs;
  }

  private generatedName(prefix: string): string {
    return this.cluster.rng.string(K8S_SUFFIX_ALPHABET, 5, prefix);
  }

  /** Creates an object. */
  create<T extends KObject = KObject>(input: KObject, opts: RequestOptions = {}): ApiResult<T> {
    this.requests++;
    const actor = opts.actor ?? 'kubectl';
    if (!input || typeof input !== 'object' || !input.kind || !input.apiVersion) {
      return { ok: false, error: apiError('BadRequest', "Object 'Kind' is missing in the request body") };
    }
    const d = this.decodeObject(input, actor, opts);
    if ('error' in d) return { ok: false, error: d.error };
    const def = d.def;
    const obj = (d.pruned ?? (opts.owned ? input : cloneJson(input))) as KObject;
    obj.metadata = (obj.metadata ?? {}) as ObjectMeta;
    if (def.namespaced) obj.metadata.namespace = obj.metadata.namespace || opts.namespace || 'default';
    else delete obj.metadata.namespace;
    const generateName = !obj.metadata.name ? obj.metadata.generateName : undefined;
    if (generateName) obj.metadata.name = this.generatedName(generateName);
    for (const f of [
      'uid',
      'resourceVersion',
      'creationTimestamp',
      'deletionTimestamp',
      'deletionGracePeriodSeconds',
      'generation',
    ] as const) {
      delete obj.metadata[f];
    }
    def.defaults?.(obj, { cluster: this.cluster });
    for (const a of this.admission) {
      const err = a.admit('CREATE', obj, undefined, this);
      if (err) return { ok: false, error: err };
    }
    const errs = [...this.validateMeta(def, obj), ...(def.validate?.(obj, { cluster: this.cluster }) ?? [])];
    if (errs.length) return { ok: false, error: invalidError(def.kind, obj.metadata.name ?? '', errs) };
    // RetryGenerateName (GA in 1.32): a generated name that is taken is drawn again, 8 attempts in all. Five
    // letters of 27 collide often at scale: one in two 4,500-pod ReplicaSets met a taken name.
    for (let attempt = 1; generateName && attempt < MAX_NAME_GENERATION_ATTEMPTS; attempt++) {
      if (!this.store.get(def.kind, obj.metadata.namespace, obj.metadata.name)) break;
      obj.metadata.name = this.generatedName(generateName);
    }
    if (this.store.get(def.kind, obj.metadata.namespace, obj.metadata.name)) {
      this.hop(actor, 'create', obj, false);
      return { ok: false, error: alreadyExists(def.plural, obj.metadata.name, def.group) };
    }
    obj.metadata.uid = (obj.metadata.uid as string | undefined) ?? this.cluster.rng.uuid(); // a kind's defaults may need it (Job selector)
    obj.metadata.creationTimestamp = this.cluster.iso();
    if (def.tracksGeneration) obj.metadata.generation = 1;
    if (def.hasStatus)
      obj.status = def.initialStatus ? def.initialStatus(obj, { cluster: this.cluster }) : {};
    if (opts.dryRun) return { ok: true, obj: obj as T };
    this.hop(actor, 'create', obj, true);
    return { ok: true, obj: this.store.put(obj) as T };
  }

  /** Replaces an object's metadata and spec (status is kept: it is a subresource). */
  update<T extends KObject = KObject>(input: KObject, opts: RequestOptions = {}): ApiResult<T> {
    return this.write(input, opts, false) as ApiResult<T>;
  }

  /** Replaces an object's status only. */
  updateStatus<T extends KObject = KObject>(input: KObject, opts: RequestOptions = {}): ApiResult<T> {
    return this.write(input, opts, true) as ApiResult<T>;
  }

  /** Reads, copies, lets `fn` change the copy, writes it back. `fn` returning false skips the write. */
  mutate<T extends KObject = KObject>(
    kind: string,
    namespace: string | undefined,
    name: string,
    fn: (o: T) => void | boolean,
    opts: RequestOptions & { status?: boolean } = {},
  ): ApiResult<T> {
    const cur = this.get<T>(kind, namespace, name);
    if (!cur) {
      const def = this.kinds.byKind(kind);
      return { ok: false, error: notFound(def?.plural ?? kind.toLowerCase(), name, def?.group) };
    }
    const copy = opts.status ? ({ ...cur, status: cloneJson(cur.status) } as T) : cloneJson(cur);
    if (fn(copy) === false) return { ok: true, obj: cur };
    return opts.status
      ? this.updateStatus<T>(copy, { ...opts, owned: true })
      : this.update<T>(copy, { ...opts, owned: true });
  }

  private write(input: KObject, opts: RequestOptions, statusOnly: boolean): ApiResult<KObject> {
    this.requests++;
    const actor = opts.actor ?? 'kubectl';
    const d = this.decodeObject(input, statusOnly ? 'kube-apiserver' : actor, opts);
    if ('error' in d) return { ok: false, error: d.error };
    if (d.pruned) input = d.pruned;
    const def = d.def;
    const ns = def.namespaced ? input.metadata?.namespace || opts.namespace || 'default' : undefined;
    const old = this.store.get(def.kind, ns, input.metadata?.name);
    if (!old) return { ok: false, error: notFound(def.plural, input.metadata?.name ?? '', def.group) };
    const rv = input.metadata.resourceVersion;
    if (rv !== undefined && rv !== '' && rv !== old.metadata.resourceVersion) {
      return {
        ok: false,
        error: apiError(
          'Conflict',
          `Operation cannot be fulfilled on ${def.plural}${def.group ? `.${def.group}` : ''} "${old.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`,
        ),
      };
    }
    let obj: KObject;
    if (statusOnly) {
      // Status writes change nothing else; an unchanged status is a no-op.
      const status = opts.owned ? input.status : cloneJson(input.status);
      if (jsonEqual(status, old.status)) return { ok: true, obj: old };
      obj = withFields(old, { status });
      obj.metadata = { ...old.metadata };
    } else {
      obj = opts.owned ? { ...input } : cloneJson(input);
      obj.metadata = {
        ...obj.metadata,
        namespace: ns,
        uid: old.metadata.uid,
        creationTimestamp: old.metadata.creationTimestamp,
      };
      if (!def.namespaced) delete obj.metadata.namespace;
      if (old.metadata.deletionTimestamp) {
        obj.metadata.deletionTimestamp = old.metadata.deletionTimestamp;
        if (old.metadata.deletionGracePeriodSeconds !== undefined)
          obj.metadata.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
      } else {
        delete obj.metadata.deletionTimestamp;
        delete obj.metadata.deletionGracePeriodSeconds;
      }
      if (def.hasStatus) obj.status = old.status;
      def.defaults?.(obj, { cluster: this.cluster, old });
      for (const a of this.admission) {
        const err = a.admit('UPDATE', obj, old, this);
        if (err) return { ok: false, error: err };
      }
      const errs = [
        ...this.validateMeta(def, obj),
        ...(def.validate?.(obj, { cluster: this.cluster, old }) ?? []),
        ...(def.validateUpdate?.(obj, old, { cluster: this.cluster, old }) ?? []),
      ];
      if (errs.length) return { ok: false, error: invalidError(def.kind, obj.metadata.name, errs) };
      if (def.tracksGeneration) {
        const changed = !jsonEqual(obj.spec, old.spec);
        obj.metadata.generation = (old.metadata.generation ?? 1) + (changed ? 1 : 0);
      }
    }
    // (store.put sets resourceVersion: deleting it, which would turn the metadata into a slow dictionary-mode
    // object, is left to the replies that are not stored)
    if (!statusOnly && sameObject(obj, old)) return { ok: true, obj: old };
    if (opts.dryRun) {
      delete obj.metadata.resourceVersion;
      return { ok: true, obj };
    }
    // An object being deleted whose last finalizer is removed goes away.
    if (
      obj.metadata.deletionTimestamp &&
      !(obj.metadata.finalizers ?? []).length &&
      !this.waitsForGrace(obj)
    ) {
      delete obj.metadata.resourceVersion;
      this.hop(actor, 'update', obj, true);
      this.store.remove(def.kind, obj.metadata.namespace, obj.metadata.name);
      return { ok: true, obj };
    }
    this.hop(actor, statusOnly ? 'update-status' : 'update', obj, true);
    return { ok: true, obj: this.store.put(obj) };
  }

  /** Pods on a node wait for their kubelet; other kinds go once the finalizers are gone. */
  private waitsForGrace(obj: KObject): boolean {
    if (obj.kind === 'Namespace') return (obj.spec?.finalizers ?? []).length > 0;
    return (
      obj.kind === 'Pod' &&
      !!(obj as Pod).spec?.nodeName &&
      (obj.metadata.deletionGracePeriodSeconds ?? 0) > 0
    );
  }

  /**
   * Deletes an object. Pods on a node get a grace period (their kubelet stops them, then removes them); objects
   * with finalizers are marked and wait; dependents follow by the garbage collector's propagation policy.
   */
  delete(
    kind: string,
    namespace: string | undefined,
    name: string,
    opts: DeleteOptions = {},
  ): ApiResult<KObject> {
    this.requests++;
    const actor = opts.actor ?? 'kubectl';
    const def = this.kinds.byKind(kind);
    if (!def)
      return { ok: false, error: apiError('NotFound', 'the server could not find the requested resource') };
    const ns = def.namespaced ? namespace || 'default' : undefined;
    const old = this.store.get(kind, ns, name);
    if (!old) return { ok: false, error: notFound(def.plural, name, def.group) };
    for (const a of this.admission) {
      const err = a.admit('DELETE', old, old, this);
      if (err) return { ok: false, error: err };
    }
    if (opts.dryRun) return { ok: true, obj: old };
    const obj = cloneJson(old);
    const policy = opts.propagationPolicy ?? 'Background';
    let grace = 0;
    if (kind === 'Pod') {
      const pod = obj as Pod;
      grace = opts.gracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
      if (!pod.spec.nodeName || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed')
        grace = 0;
      if (old.metadata.deletionTimestamp && old.metadata.deletionGracePeriodSeconds !== undefined) {
        grace = Math.min(grace, old.metadata.deletionGracePeriodSeconds);
      }
    }
    const finalizers = [...(obj.metadata.finalizers ?? [])];
    if (!old.metadata.deletionTimestamp) {
      if (policy === 'Foreground' && !finalizers.includes('foregroundDeletion'))
        finalizers.push('foregroundDeletion');
      if (policy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
    }
    if (kind === 'Namespace') {
      if (INITIAL_NAMESPACES.includes(name)) {
        return {
          ok: false,
          error: apiError(
            'Forbidden',
            `namespaces "${name}" is forbidden: this namespace may not be deleted`,
          ),
        };
      }
      obj.status = { ...(obj.status ?? {}), phase: 'Terminating' };
    }
    const needsWait = finalizers.length > 0 || grace > 0 || kind === 'Namespace';
    if (!needsWait) {
      this.hop(actor, 'delete', obj, true);
      this.store.remove(kind, ns, name);
      return { ok: true, obj: old };
    }
    obj.metadata.finalizers = finalizers.length ? finalizers : undefined;
    if (!obj.metadata.finalizers) delete obj.metadata.finalizers;
    if (
      !old.metadata.deletionTimestamp ||
      (kind === 'Pod' && grace < (old.metadata.deletionGracePeriodSeconds ?? Infinity))
    ) {
      obj.metadata.deletionTimestamp = this.cluster.iso(this.cluster.now + grace * 1000);
      obj.metadata.deletionGracePeriodSeconds = grace;
    }
    if (kind === 'Pod' && grace === 0 && !finalizers.length) {
      this.hop(actor, 'delete', obj, true);
      this.store.remove(kind, ns, name);
      return { ok: true, obj: old };
    }
    this.hop(actor, 'delete', obj, true);
    return { ok: true, obj: this.store.put(obj) };
  }

  /** The pods/eviction subresource: a graceful delete on behalf of `kubectl drain` or the node controller. */
  evict(namespace: string, name: string, opts: RequestOptions = {}): ApiResult<KObject> {
    const pod = this.store.get('Pod', namespace, name) as Pod | undefined;
    const refused = pod && chargeDisruptionBudget(this, pod, this.cluster.iso());
    if (refused) return { ok: false, error: refused };
    return this.delete('Pod', namespace, name, { ...opts, actor: opts.actor ?? 'kubectl' });
  }

  /** The pods/binding subresource: sets spec.nodeName and the PodScheduled condition. */
  bind(
    namespace: string,
    name: string,
    nodeName: string,
    actor: ComponentId = 'kube-scheduler',
  ): ApiResult<Pod> {
    this.requests++;
    const old = this.store.get('Pod', namespace, name) as Pod | undefined;
    if (!old) return { ok: false, error: notFound('pods', name) };
    if (old.spec.nodeName) {
      return {
        ok: false,
        error: apiError(
          'Conflict',
          `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is already assigned to node "${old.spec.nodeName}"`,
        ),
      };
    }
    // Copy only what changes (spec.nodeName, the conditions); stored objects are never mutated.
    const obj: Pod = withFields(old, {
      metadata: { ...old.metadata }, // resourceVersion: the store sets it
      spec: withFields(old.spec, { nodeName }),
      // setCondition replaces entries, never changes one: copying the list is enough.
      status: withFields(old.status ?? {}, { conditions: [...(old.status?.conditions ?? [])] }),
    });
    setCondition(obj, { type: 'PodScheduled', status: 'True' }, this.cluster.iso());
    const ref = { kind: 'Pod', namespace, name };
    this.cluster.log.hop(
      this.cluster.now,
      'bind',
      actor,
      'kube-apiserver',
      'bind',
      ref,
      bindSummary,
      nodeName,
    );
    this.cluster.log.hop(this.cluster.now, 'persist', 'kube-apiserver', 'etcd', 'update', ref, storeSummary);
    return { ok: true, obj: this.store.put(obj) as Pod };
  }

  /**
   * Records a Kubernetes Event about `involved` (aggregated like the event recorder: same object, reason,
   * message and source → count and lastTimestamp grow).
   */
  recordEvent(
    involved: KObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    component: string,
    host?: string,
  ): void {
    this.events.record(involved, type, reason, message, component, host);
  }

  /** Events about an object, oldest first. */
  eventsFor(obj: KObject): KEvent[] {
    return this.events.eventsFor(obj);
  }
}

const requestSummary: SummaryFormat = (h) => `${h.source}: ${h.verb} ${refLabel(h.object)}`;
const storeSummary: SummaryFormat = (h) => `store ${refLabel(h.object)}`;
const seesSummary: SummaryFormat = (h) => `${h.target} sees ${refLabel(h.object)}`;
const bindSummary: SummaryFormat = (h, node) => `bind ${refLabel(h.object)} to ${node}`;

/** Equal apart from metadata.resourceVersion. */
function sameObject(a: KObject, b: KObject): boolean {
  for (const k in a) if (k !== 'metadata' && a[k] !== undefined && !jsonEqual(a[k], b[k])) return false;
  for (const k in b) if (k !== 'metadata' && b[k] !== undefined && a[k] === undefined) return false;
  const am = a.metadata as unknown as Record<string, unknown>;
  const bm = b.metadata as unknown as Record<string, unknown>;
  for (const k in am) if (k !== 'resourceVersion' && !jsonEqual(am[k], bm[k])) return false;
  for (const k in bm) if (k !== 'resourceVersion' && bm[k] !== undefined && am[k] === undefined) return false;
  return true;
}
