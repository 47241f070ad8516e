/**
 * kube-apiserver: every object goes through one request path — decode (strict) → defaulting → admission →
 * validation → etcd — and every request is a hop in the event log.
 */
import { appended, deepFreeze, flat, withFields } from '../util/shapes';
import { cloneJson } from '../util/cloneJson';
import { jsonEqual } from '../util/jsonEqual';
import {
  aggregate,
  AGGREGATE_MAX_EVENTS,
  COMBINED_PREFIX,
  correlates,
  spamAccept,
  type SpamState,
} from './eventCorrelator';
import type { Cluster } from '../cluster';
import {
  kubeletOf,
  nodeComponent,
  type ComponentId,
  type ObjectRef,
  type SummaryFormat,
} from '../engine/eventLog';
import type { KObject, KEvent, Pod, PodCondition, ObjectMeta, Toleration } from './types';
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
import { compareObjects, type WatchHandler } from './store';
import { coreKinds } from '../kinds';
import { K8S_SUFFIX_ALPHABET } from '../engine/rng';
import { EPOCH_MS } from '../engine/epoch';

export interface RequestOptions {
  /** Internal: the caller hands over a fresh copy the API server may keep (no defensive clone). */
  owned?: boolean;
  /** Who sends the request (for the event log). Default `kubectl`. */
  actor?: ComponentId;
  /** Validate and default, but store nothing. */
  dryRun?: boolean;
  /** Namespace of the request when the object names none. */
  namespace?: string;
}

export interface DeleteOptions extends RequestOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
}

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE';

/** An admission plugin (mutating and/or validating) in the API server's request path. */
export interface AdmissionPlugin {
  name: string;
  /** Mutates `obj` in place; returns an error to refuse the request. */
  admit(op: Operation, obj: KObject, old: KObject | undefined, api: ApiServer): ApiError | undefined;
}

export const INITIAL_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/** `deployment.apps`, `pod` — how kubectl names a kind in output lines. */
export function kindResourceName(def: KindDef): string {
  return def.group ? `${def.singular}.${def.group}` : def.singular;
}

/** `EPOCH_MS + now` as 11 hex digits; remembers the last instant (every event of one instant shares it). */
let lastMsHex = { now: NaN, hex: '' };
function epochMsHex(now: number): string {
  if (lastMsHex.now !== now) lastMsHex = { now, hex: (EPOCH_MS + now).toString(16).padStart(11, '0') };
  return lastMsHex.hex;
}

export class ApiServer {
  readonly kinds = new KindRegistry();
  readonly admission: AdmissionPlugin[] = [];
  /** Requests served (for benchmarks). */
  requests = 0;

  constructor(readonly cluster: Cluster) {
    for (const k of coreKinds) this.kinds.register(k);
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
  private decodeObject(obj: KObject, actor: ComponentId): { def: KindDef } | { error: ApiError } {
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

  /** Creates an object. */
  create<T extends KObject = KObject>(input: KObject, opts: RequestOptions = {}): ApiResult<T> {
    this.requests++;
    const actor = opts.actor ?? 'kubectl';
    if (!input || typeof input !== 'object' || !input.kind || !input.apiVersion) {
      return { ok: false, error: apiError('BadRequest', "Object 'Kind' is missing in the request body") };
    }
    const d = this.decodeObject(input, actor);
    if ('error' in d) return { ok: false, error: d.error };
    const def = d.def;
    const obj = (opts.owned ? input : cloneJson(input)) as KObject;
    obj.metadata = (obj.metadata ?? {}) as ObjectMeta;
    if (def.namespaced) obj.metadata.namespace = obj.metadata.namespace || opts.namespace || 'default';
    else delete obj.metadata.namespace;
    if (!obj.metadata.name && obj.metadata.generateName) {
      obj.metadata.name = this.cluster.rng.string(K8S_SUFFIX_ALPHABET, 5, obj.metadata.generateName);
    }
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
    const d = this.decodeObject(input, statusOnly ? 'kube-apiserver' : actor);
    if ('error' in d) return { ok: false, error: d.error };
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
    const ns = involved.metadata.namespace ?? 'default';
    const now = this.cluster.iso();
    const objKey = involved.metadata.uid ?? `${involved.kind}/${ns}/${involved.metadata.name}`;
    const about = this.eventsAbout(objKey);
    const hostOf = host ?? '';
    // (messages every pod repeats come shared from their callers, e.g. the kubelet's `Started container web`;
    // interning here too hashed every new message, most of them unique: `Successfully assigned …`)
    let msg = flat(message);
    // One pass: the same event (it counts up), and how many events of this source, type and reason there are.
    let existing: KEvent | undefined;
    let similar = 0;
    for (let i = 0; i < about.length; i++) {
      const e = about[i]!;
      if (e.reason !== reason || e.source.component !== component || (e.source.host ?? '') !== hostOf)
        continue;
      if (e.message === msg) existing ??= e;
      if (e.type === type) similar++;
    }
    if (correlates(component)) {
      // (The real correlator aggregates first, then filters; aggregation here keeps no state of its own, so
      // a dropped event can be dropped before the aggregation work.)
      const spam = (this.cluster.state.ext.eventSpam ??= { buckets: {} }) as SpamState;
      if (!spamAccept(spam, objKey, component, hostOf, this.cluster.now)) return;
      // Aggregation needs 10 different messages: below that (nearly always) it cannot apply.
      if (similar + 1 >= AGGREGATE_MAX_EVENTS) {
        const same = (e: KEvent) =>
          e.reason === reason &&
          e.type === type &&
          e.source.component === component &&
          (e.source.host ?? '') === hostOf;
        const agg = aggregate(about, same, msg, this.cluster.now, (ts) => this.cluster.fromIso(ts));
        if (agg.combined) {
          msg = agg.message;
          existing = about.find((e) => same(e) && e.message.startsWith(COMBINED_PREFIX));
        }
      }
    }
    if (existing) {
      const ev = withFields(existing, {
        count: existing.count + 1,
        lastTimestamp: now,
        message: msg,
        metadata: { ...existing.metadata },
      });
      this.store.put(ev);
    } else {
      // Like the event recorder: `<object>.<time in ns, hex>` — names sort in the order events happened.
      // 11 hex digits of epoch milliseconds + 5 of a store counter: fixed width, so names sort by time.
      const msHex = epochMsHex(this.cluster.now);
      const ns16 = msHex + (this.store.revision % 0x100000).toString(16).padStart(5, '0');
      const name = flat(`${involved.metadata.name}.${ns16}`);
      const ev: KEvent = {
        apiVersion: 'v1',
        kind: 'Event',
        // (resourceVersion is set by the store: its slot here keeps all five fields inside the object)
        metadata: {
          name,
          namespace: ns,
          uid: this.cluster.rng.uuid(),
          creationTimestamp: now,
          resourceVersion: '',
        },
        involvedObject: involved.metadata.namespace
          ? {
              kind: involved.kind,
              namespace: involved.metadata.namespace,
              name: involved.metadata.name,
              uid: involved.metadata.uid,
              apiVersion: involved.apiVersion,
              resourceVersion: involved.metadata.resourceVersion,
            }
          : {
              kind: involved.kind,
              name: involved.metadata.name,
              uid: involved.metadata.uid,
              apiVersion: involved.apiVersion,
              resourceVersion: involved.metadata.resourceVersion,
            },
        reason,
        message: msg,
        source: eventSource(component, host),
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
        type,
        reportingComponent: component,
        reportingInstance: hostOf,
      };
      this.store.put(ev);
    }
    this.cluster.log.hop(
      this.cluster.now,
      'event',
      componentOf(component, host),
      'kube-apiserver',
      'event',
      refTo(involved),
      eventSummary,
      type,
      reason,
      msg,
    );
  }

  /**
   * Stored events by involved object (uid, or kind/namespace/name when it has none), oldest first. Derived:
   * kept up to date by a watch on Events and rebuilt after a restore.
   */
  private eventsByObject = new Map<string, KEvent[]>();
  private eventsByObjectFor: unknown = null;
  private eventsAbout(objKey: string): KEvent[] {
    if (this.eventsByObjectFor !== this.store.state) {
      if (this.eventsByObjectFor === null) {
        this.store.watch('Event', (type, o) => {
          if (this.eventsByObjectFor !== this.store.state) return; // rebuilt on next use
          const e = o as KEvent;
          const k = eventObjectKey(e);
          const list = this.eventsByObject.get(k);
          if (type === 'ADDED') {
            // a new array each time: exact size (push would reserve room for 17 per object)
            this.eventsByObject.set(k, list ? list.concat([e]) : [e]);
            return;
          }
          if (!list) return;
          const i = list.findIndex((x) => x.metadata.name === e.metadata.name);
          if (i < 0) return;
          if (type === 'MODIFIED') list[i] = e;
          else {
            list.splice(i, 1);
            if (!list.length) this.eventsByObject.delete(k);
          }
        });
      }
      this.eventsByObject = new Map();
      this.eventsByObjectFor = this.store.state;
      for (const e of this.store.list('Event') as KEvent[]) {
        const k = eventObjectKey(e);
        let list = this.eventsByObject.get(k);
        if (!list) this.eventsByObject.set(k, (list = []));
        list.push(e);
      }
    }
    return this.eventsByObject.get(objKey) ?? NO_EVENTS;
  }

  /** Events about an object, oldest first. */
  eventsFor(obj: KObject): KEvent[] {
    const ns = obj.metadata.namespace ?? 'default';
    const byUid = obj.metadata.uid ? this.eventsAbout(obj.metadata.uid) : NO_EVENTS;
    const byName = this.eventsAbout(`${obj.kind}/${ns}/${obj.metadata.name}`);
    return [...byUid, ...byName]
      .filter((e) => (e.metadata.namespace ?? 'default') === ns)
      .sort((a, b) =>
        a.lastTimestamp < b.lastTimestamp ? -1 : a.lastTimestamp > b.lastTimestamp ? 1 : compareObjects(a, b),
      );
  }
}

/** A hop's reference to an object (no `namespace` field for a cluster-scoped one). */
function refTo(o: KObject): ObjectRef {
  const ns = o.metadata.namespace;
  return ns
    ? { kind: o.kind, name: o.metadata.name, namespace: ns }
    : { kind: o.kind, name: o.metadata.name };
}

/** `Pod default/web-1`, `Node worker-1`: a hop's object as summaries name it. */
function refLabel(r: ObjectRef | undefined): string {
  if (!r) return '';
  return r.namespace ? `${r.kind} ${r.namespace}/${r.name}` : `${r.kind} ${r.name}`;
}
const requestSummary: SummaryFormat = (h) => `${h.source}: ${h.verb} ${refLabel(h.object)}`;
const storeSummary: SummaryFormat = (h) => `store ${refLabel(h.object)}`;
const seesSummary: SummaryFormat = (h) => `${h.target} sees ${refLabel(h.object)}`;
const bindSummary: SummaryFormat = (h, node) => `bind ${refLabel(h.object)} to ${node}`;
const eventSummary: SummaryFormat = (_h, type, reason, msg) => `${type} ${reason}: ${msg}`;

/** The (empty, frozen) event list of an object nothing was recorded about. */
const NO_EVENTS: KEvent[] = Object.freeze([]) as unknown as KEvent[];

/** Event sources, one frozen object per component and host (a kubelet's events all share it). */
const sources = new Map<string, Map<string, KEvent['source']>>();
let lastSource: KEvent['source'] = { component: '' };
function eventSource(component: string, host: string | undefined): KEvent['source'] {
  // a kubelet often records several events in a row
  if (lastSource.component === component && lastSource.host === host) return lastSource;
  lastSource = eventSourceFor(component, host);
  return lastSource;
}
function eventSourceFor(component: string, host: string | undefined): KEvent['source'] {
  let byHost = sources.get(component);
  if (!byHost) sources.set(component, (byHost = new Map()));
  const h = host ?? '';
  let s = byHost.get(h);
  if (!s) {
    s = Object.freeze(host ? { component, host } : { component });
    if (byHost.size >= 5000) byHost.clear();
    byHost.set(h, s);
  }
  return s;
}

/** The index key of an event's involved object. */
function eventObjectKey(e: KEvent): string {
  return (
    e.involvedObject.uid ??
    `${e.involvedObject.kind}/${e.metadata.namespace ?? 'default'}/${e.involvedObject.name}`
  );
}

function componentOf(component: string, host?: string): ComponentId {
  if (component === 'kubelet') return kubeletOf(host ?? '');
  if (component === 'default-scheduler') return 'kube-scheduler';
  if (component === 'service-controller' || component === 'cloud-node-controller')
    return 'cloud-controller-manager';
  if (component === 'kube-proxy') return nodeComponent('kube-proxy', host ?? '');
  return 'kube-controller-manager';
}

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

/**
 * A pod condition as `c` says it should be: `prev` itself when nothing changed, else a new one whose
 * lastTransitionTime moves only when the status changes.
 */
export function nextCondition(
  prev: PodCondition | undefined,
  c: {
    type: string;
    status: 'True' | 'False' | 'Unknown';
    reason?: string | undefined;
    message?: string | undefined;
  },
  now: string,
): PodCondition {
  if (prev && prev.status === c.status && prev.reason === c.reason && prev.message === c.message) return prev;
  // (fields in a fixed order, reason and message after: no conditional spread, one hidden class per shape)
  const next: PodCondition = {
    type: c.type,
    status: c.status,
    lastProbeTime: null,
    lastTransitionTime: prev && prev.status === c.status ? prev.lastTransitionTime : now,
  };
  if (c.reason) next.reason = c.reason;
  if (c.message) next.message = c.message;
  return next;
}

/** Sets or replaces a pod condition; lastTransitionTime changes only when the status changes. */
export function setCondition(
  pod: Pod,
  c: { type: string; status: 'True' | 'False' | 'Unknown'; reason?: string; message?: string },
  now: string,
): boolean {
  pod.status ??= {};
  const list = (pod.status.conditions ??= []);
  const i = list.findIndex((x) => x.type === c.type);
  const prev = i >= 0 ? list[i] : undefined;
  const next = nextCondition(prev, c, now);
  if (next === prev) return false;
  if (i >= 0) list[i] = next;
  else list.push(next);
  return true;
}

// ------------------------------------------------------------------ admission plugins

const namespaceLifecycle: AdmissionPlugin = {
  name: 'NamespaceLifecycle',
  admit(op, obj, _old, api) {
    const def = api.kinds.byKind(obj.kind);
    if (!def?.namespaced || op === 'DELETE') return undefined;
    const ns = obj.metadata.namespace!;
    const nsObj = api.get('Namespace', undefined, ns);
    if (!nsObj) return apiError('NotFound', `namespaces "${ns}" not found`);
    if (op === 'CREATE' && (nsObj.status?.phase === 'Terminating' || nsObj.metadata.deletionTimestamp)) {
      return apiError(
        'Forbidden',
        `${def.plural}${def.group ? `.${def.group}` : ''} "${obj.metadata.name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`,
      );
    }
    return undefined;
  },
};

const serviceAccountAdmission: AdmissionPlugin = {
  name: 'ServiceAccount',
  admit(op, obj, _old, api) {
    if (op !== 'CREATE' || obj.kind !== 'Pod') return undefined;
    const pod = obj as Pod;
    if (!pod.spec || !Array.isArray(pod.spec.containers)) return undefined;
    pod.spec.serviceAccountName ??= 'default';
    pod.spec.serviceAccount = pod.spec.serviceAccountName;
    if (pod.spec.automountServiceAccountToken === false) return undefined;
    pod.spec.volumes ??= [];
    const mountPath = '/var/run/secrets/kubernetes.io/serviceaccount';
    const all = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
    if (all.some((c) => (c.volumeMounts ?? []).some((m) => m.mountPath === mountPath))) return undefined;
    const volName = api.cluster.rng.string(K8S_SUFFIX_ALPHABET, 5, 'kube-api-access-');
    pod.spec.volumes = appended(pod.spec.volumes, { name: volName, projected: SERVICE_ACCOUNT_PROJECTION });
    for (const c of all) {
      if (!c || typeof c !== 'object') continue;
      c.volumeMounts = appended(c.volumeMounts ?? [], { name: volName, mountPath, readOnly: true });
    }
    return undefined;
  },
};

/** Parts admission adds to every pod, shared and frozen (see deepFreeze). */
const SERVICE_ACCOUNT_PROJECTION = deepFreeze({
  defaultMode: 420,
  sources: [
    { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
    { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
    {
      downwardAPI: {
        items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }],
      },
    },
  ],
});
const DEFAULT_TOLERATIONS: readonly Toleration[] = deepFreeze(
  ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'].map((key) => ({
    key,
    operator: 'Exists' as const,
    effect: 'NoExecute' as const,
    tolerationSeconds: 300,
  })),
);

const defaultTolerationSeconds: AdmissionPlugin = {
  name: 'DefaultTolerationSeconds',
  admit(op, obj) {
    if (op !== 'CREATE' || obj.kind !== 'Pod') return undefined;
    const pod = obj as Pod;
    if (!pod.spec || typeof pod.spec !== 'object') return undefined;
    const tol = pod.spec.tolerations ?? [];
    const has = (key: string) =>
      tol.some(
        (t: Toleration) =>
          (t.operator === 'Exists' && !t.key) || (t.key === key && (!t.effect || t.effect === 'NoExecute')),
      );
    pod.spec.tolerations = appended(tol, ...DEFAULT_TOLERATIONS.filter((t) => !has(t.key!)));
    return undefined;
  },
};
