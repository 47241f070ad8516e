/**
 * Declarative goal checks on the cluster state. A goal selects objects (kind, namespace, name, selector), keeps
 * those that meet its conditions (ready, phase, where), and compares how many there are. When it is unmet, the
 * reason names the part that failed, in both languages. Generated names are never compared.
 */
import { matches, parseSelector } from '../sim/api/labels';
import type { KObject } from '../sim/api/types';
import { CLUSTER_SCOPED } from './schema/readGoal';
import { dockerHostView, type DockerHostView } from '../sim/docker/view';
import type { Cluster } from '../sim/cluster';
import type { FieldCheck, Goal, Text } from './types';

/** The part of a cluster the checks read (the real Cluster satisfies it). */
export interface ClusterView {
  readonly now: number;
  fromIso(ts: string | undefined): number;
  api: { list(kind: string, namespace?: string): unknown };
  /** The Docker host's view, when the reader holds it ready (the studio's mirror of the worker); else read from the cluster. */
  dockerView?(): DockerHostView | undefined;
}

export interface GoalContext {
  cluster: ClusterView;
  /** Command lines run since the step began. */
  history: string[];
  /** Virtual time when the step began. */
  stepStart: number;
}

export interface GoalResult {
  met: boolean;
  /** Why it is not met (empty when met). */
  reason: Text;
}

/**
 * The Docker host's containers and images as goal objects: `metadata.name` is the container name (or the
 * image's first tag), every field of the UI's view is a path (`state`, `image`, `ports[0]`, `exitCode`,
 * `restartCount`, `writableBytes`, `usedBy`, `layers`…).
 */
function dockerObjects(cluster: ClusterView, kind: string): KObject[] {
  let view;
  try {
    view = cluster.dockerView ? cluster.dockerView() : dockerHostView(cluster as unknown as Cluster);
  } catch {
    return [];
  }
  if (!view) return [];
  if (kind === 'DockerContainer') {
    return view.containers.map(
      (c) => ({ apiVersion: 'docker', kind, metadata: { name: c.name }, ...c }) as unknown as KObject,
    );
  }
  return view.images.map(
    (i) =>
      ({
        apiVersion: 'docker',
        kind,
        metadata: { name: i.names[0] ?? i.id },
        ...i,
        layerCount: i.layers.length,
      }) as unknown as KObject,
  );
}

function nameMatches(o: KObject, name: string): boolean {
  if (o.metadata.name === name) return true;
  if (o.kind !== 'DockerImage') return false;
  const names = (o as KObject & { names?: string[] }).names ?? [];
  return names.some(
    (n) => n === name || n === `${name}:latest` || n.replace(/^docker\.io\/(library\/)?/, '') === name,
  );
}

/** Objects of a kind, whatever shape the API server's list returns (array, `{items}`, `{ok, obj}`). */
export function listObjects(cluster: ClusterView, kind: string, namespace?: string): KObject[] {
  if (kind === 'DockerContainer' || kind === 'DockerImage') return dockerObjects(cluster, kind);
  let r: unknown;
  try {
    r = cluster.api.list(kind, namespace);
  } catch {
    return [];
  }
  const unwrap = (v: unknown): KObject[] => {
    if (Array.isArray(v)) return v as KObject[];
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (Array.isArray(o.items)) return o.items as KObject[];
      if ('ok' in o) return o.ok ? unwrap(o.obj ?? o.items ?? o.value) : [];
    }
    return [];
  };
  return unwrap(r);
}

/** Reads a dot path with `[0]` and `[key=value]` steps. */
export function getPath(obj: unknown, path: string): unknown {
  const tokens: string[] = [];
  const re = /([^.[\]]+)|\[([^\]]+)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path))) tokens.push(m[1] !== undefined ? m[1] : `[${m[2]}]`);
  let cur: unknown = obj;
  for (const t of tokens) {
    if (cur === undefined || cur === null) return undefined;
    if (t.startsWith('[')) {
      const inner = t.slice(1, -1);
      if (!Array.isArray(cur)) return undefined;
      const eq = inner.indexOf('=');
      if (eq > 0) {
        const k = inner.slice(0, eq);
        const v = inner.slice(eq + 1);
        cur = cur.find((x) => x && typeof x === 'object' && String((x as Record<string, unknown>)[k]) === v);
      } else cur = cur[Number(inner)];
    } else if (typeof cur === 'object') cur = (cur as Record<string, unknown>)[t];
    else return undefined;
  }
  return cur;
}

function show(v: unknown): string {
  if (v === undefined) return 'missing';
  if (typeof v === 'string') return `"${v}"`;
  return JSON.stringify(v);
}

/** Fields a lesson checks often, named as a learner says them (other fields keep their path, in code style). */
const FIELD_WORDS: Record<string, Text> = {
  'metadata.name': { en: 'its name', zh: '名称' },
  'metadata.namespace': { en: 'its namespace', zh: '命名空间' },
  'spec.nodeName': { en: 'the node it runs on', zh: '所在节点' },
  'spec.replicas': { en: 'the number of replicas', zh: '副本数' },
  'spec.type': { en: 'the type', zh: '类型' },
  'status.phase': { en: 'its phase', zh: '阶段' },
  image: { en: 'the image', zh: '镜像' },
  state: { en: 'its state', zh: '状态' },
  'spec.template.spec.containers[0].image': { en: 'the image', zh: '镜像' },
  'spec.containers[0].image': { en: 'the image', zh: '镜像' },
};

/** A regular expression as a learner reads it: `^worker-` is "starts with worker-"; otherwise a plain "not as expected". */
function patternWords(re: string): Text | undefined {
  const prefix = /^\^([\w.:/-]+)$/.exec(re);
  if (prefix) return { en: `should start with "${prefix[1]}"`, zh: `应以“${prefix[1]}”开头` };
  const suffix = /^([\w.:/-]+)\$$/.exec(re);
  if (suffix) return { en: `should end with "${suffix[1]}"`, zh: `应以“${suffix[1]}”结尾` };
  const exact = /^\^([\w.:/-]+)\$$/.exec(re);
  if (exact) return { en: `should be "${exact[1]}"`, zh: `应为“${exact[1]}”` };
  return undefined;
}

/** Checks one field condition; returns the failure in both languages, in the learner's words, or undefined. */
export function checkField(obj: unknown, c: FieldCheck): Text | undefined {
  const v = getPath(obj, c.path);
  const s = v === undefined || v === null ? undefined : typeof v === 'object' ? JSON.stringify(v) : String(v);
  const field = FIELD_WORDS[c.path] ?? { en: `\`${c.path}\``, zh: `\`${c.path}\`` };
  const unset = v === undefined || v === null;
  const fail = (en: string, zh: string): Text => ({
    en: unset ? `${field.en} is not set, but ${en}` : `${field.en} is ${show(v)}, but ${en}`,
    zh: unset ? `${field.zh}未设置，但${zh}` : `${field.zh}是 ${show(v)}，但${zh}`,
  });
  if (c.exists !== undefined) {
    const has = !unset;
    if (has !== c.exists)
      return c.exists
        ? { en: `${field.en} is not set yet`, zh: `${field.zh}还没有设置` }
        : { en: `${field.en} should not be set`, zh: `${field.zh}不应设置` };
  }
  if (c.equals !== undefined && s !== String(c.equals))
    return fail(`it should be ${show(c.equals)}`, `应为 ${show(c.equals)}`);
  if (c.notEquals !== undefined && s === String(c.notEquals))
    return {
      en: `${field.en} should not be ${show(c.notEquals)}`,
      zh: `${field.zh}不应为 ${show(c.notEquals)}`,
    };
  if (c.in !== undefined && (s === undefined || !c.in.map(String).includes(s))) {
    const list = c.in.map(show);
    return fail(`it should be one of ${list.join(', ')}`, `应为 ${list.join('、')} 之一`);
  }
  if (c.matches !== undefined && (s === undefined || !new RegExp(c.matches).test(s))) {
    const w = patternWords(c.matches);
    return w
      ? fail(w.en.replace(/^should/, 'it should'), w.zh)
      : fail('that is not what this step asks for', '这不是本步骤要求的值');
  }
  const n = typeof v === 'number' ? v : s !== undefined && s !== '' ? Number(s) : NaN;
  if (c.gte !== undefined && !(n >= c.gte))
    return fail(`it should be at least ${c.gte}`, `应至少为 ${c.gte}`);
  if (c.lte !== undefined && !(n <= c.lte)) return fail(`it should be at most ${c.lte}`, `应至多为 ${c.lte}`);
  return undefined;
}

function condition(o: KObject, type: string): string | undefined {
  const cs = (o.status?.conditions ?? []) as { type: string; status: string }[];
  return cs.find((c) => c.type === type)?.status;
}

/** Whether an object counts as ready for its kind; the reason when not. */
export function readiness(o: KObject): { ready: boolean; why: Text } {
  const no = (en: string, zh: string) => ({ ready: false, why: { en, zh } });
  const yes = { ready: true, why: { en: '', zh: '' } };
  const st = (o.status ?? {}) as Record<string, number | undefined>;
  const want = (o.spec?.replicas as number | undefined) ?? 1;
  switch (o.kind) {
    case 'Pod': {
      if (o.metadata.deletionTimestamp) return no('is terminating', '正在终止');
      const phase = o.status?.phase ?? 'Pending';
      if (condition(o, 'Ready') !== 'True') {
        const waiting = (
          (o.status?.containerStatuses ?? []) as { state?: { waiting?: { reason?: string } } }[]
        )
          .map((c) => c.state?.waiting?.reason)
          .find(Boolean);
        const what = waiting ?? phase;
        return no(`is not Ready (${what})`, `未就绪（${what}）`);
      }
      return yes;
    }
    case 'Node':
      return condition(o, 'Ready') === 'True'
        ? yes
        : no(
            `is not Ready (${condition(o, 'Ready') ?? 'Unknown'})`,
            `未就绪（${condition(o, 'Ready') ?? 'Unknown'}）`,
          );
    case 'Deployment': {
      const gen = o.metadata.generation ?? 0;
      if ((o.status?.observedGeneration ?? 0) < gen)
        return no('has changes the controller has not seen yet', '有控制器尚未处理的变更');
      const upd = st.updatedReplicas ?? 0;
      const ready = st.readyReplicas ?? 0;
      const avail = st.availableReplicas ?? 0;
      const total = st.replicas ?? 0;
      if (upd < want)
        return no(`has ${upd} of ${want} replicas updated`, `${want} 个副本中只有 ${upd} 个已更新`);
      if (total > want) return no(`still has ${total - want} old replicas`, `仍有 ${total - want} 个旧副本`);
      if (ready < want || avail < want)
        return no(
          `has ${Math.min(ready, avail)} of ${want} replicas ready`,
          `${want} 个副本中只有 ${Math.min(ready, avail)} 个就绪`,
        );
      return yes;
    }
    case 'ReplicaSet':
    case 'StatefulSet': {
      const ready = st.readyReplicas ?? 0;
      return ready >= want && (st.replicas ?? 0) === want
        ? yes
        : no(`has ${ready} of ${want} replicas ready`, `${want} 个副本中只有 ${ready} 个就绪`);
    }
    case 'DockerContainer': {
      const state = (o as KObject & { state?: string }).state ?? 'created';
      return state === 'running' ? yes : no(`is ${state}, not running`, `处于 ${state} 状态，没有在运行`);
    }
    case 'DaemonSet': {
      const d = st.desiredNumberScheduled ?? 0;
      const r = st.numberReady ?? 0;
      return r >= d && d > 0 ? yes : no(`has ${r} of ${d} pods ready`, `${d} 个 Pod 中只有 ${r} 个就绪`);
    }
    default:
      return yes;
  }
}

/** "Pods with app=web named x in namespace y" in both languages. */
function describeSet(g: Goal): Text {
  const kind = g.kind ?? 'object';
  const en: string[] = [`${kind}s`];
  const zh: string[] = [];
  if (g.name) {
    en.push(`named ${g.name}`);
    zh.push(`名为 ${g.name} 的`);
  }
  if (g.selector) {
    en.push(`with ${g.selector}`);
    zh.push(`带 ${g.selector} 标签的`);
  }
  if (g.newSinceStep) {
    en.push('created in this step');
    zh.push('在本步骤中新建的');
  }
  const ns = g.namespace ?? 'default';
  if (!CLUSTER_SCOPED.has(kind) && ns !== 'default') {
    en.push(ns === '*' ? 'in any namespace' : `in namespace ${ns}`);
    zh.unshift(ns === '*' ? '任意命名空间中' : `命名空间 ${ns} 中`);
  }
  return { en: en.join(' '), zh: `${zh.join('')}${kind}` };
}

function countWanted(g: Goal): { min: number; max: number; en: string; zh: string } {
  if (g.count !== undefined)
    return { min: g.count, max: g.count, en: `exactly ${g.count}`, zh: `正好 ${g.count} 个` };
  const min = g.min ?? 1;
  const max = g.max ?? Infinity;
  if (max !== Infinity && g.min !== undefined)
    return { min, max, en: `${min} to ${max}`, zh: `${min} 到 ${max} 个` };
  if (max !== Infinity) return { min: 0, max, en: `at most ${max}`, zh: `至多 ${max} 个` };
  return { min, max, en: `at least ${min}`, zh: `至少 ${min} 个` };
}

/** Checks one goal. */
export function checkGoal(g: Goal, ctx: GoalContext): GoalResult {
  const ok: GoalResult = { met: true, reason: { en: '', zh: '' } };
  if (g.ran !== undefined) {
    const re = new RegExp(g.ran);
    return ctx.history.some((l) => re.test(l.trim()))
      ? ok
      : {
          met: false,
          reason: {
            en: 'Not done yet: run the command in the terminal.',
            zh: '尚未完成：请在终端中运行该命令。',
          },
        };
  }
  const kind = g.kind ?? '';
  const clusterScoped = CLUSTER_SCOPED.has(kind);
  const ns = clusterScoped ? undefined : (g.namespace ?? 'default');
  let objs = listObjects(ctx.cluster, kind, ns === '*' ? undefined : ns);
  objs = objs.filter((o) => o.kind === undefined || o.kind === kind);
  if (!clusterScoped && ns !== '*') objs = objs.filter((o) => (o.metadata.namespace ?? 'default') === ns);
  if (g.name !== undefined) objs = objs.filter((o) => nameMatches(o, g.name!));
  if (g.selector !== undefined) {
    const sel = parseSelector(g.selector);
    objs = objs.filter((o) => matches(sel, o.metadata.labels));
  }
  if (g.newSinceStep)
    objs = objs.filter((o) => ctx.cluster.fromIso(o.metadata.creationTimestamp) >= ctx.stepStart - 999);
  const set = describeSet(g);
  const want = countWanted(g);

  const good: KObject[] = [];
  let firstBad: { o: KObject; why: Text } | undefined;
  for (const o of objs) {
    let why: Text | undefined;
    if (g.ready !== undefined) {
      const r = readiness(o);
      if (r.ready !== g.ready) why = g.ready ? r.why : { en: 'is Ready', zh: '已就绪' };
    }
    if (!why && g.phase !== undefined) {
      const phase = (o.status?.phase as string | undefined) ?? 'Pending';
      if (phase !== g.phase)
        why = { en: `is ${phase}, not ${g.phase}`, zh: `处于 ${phase}，而不是 ${g.phase}` };
    }
    if (!why && g.where) {
      for (const c of g.where) {
        why = checkField(o, c);
        if (why) break;
      }
    }
    if (why) firstBad ??= { o, why };
    else good.push(o);
  }
  const qual: Text = { en: '', zh: '' };
  if (g.ready) {
    qual.en += ' that are Ready';
    qual.zh = '就绪的' + qual.zh;
  }
  if (g.phase) {
    qual.en += ` in phase ${g.phase}`;
    qual.zh = `处于 ${g.phase} 的` + qual.zh;
  }
  if (g.where?.length) {
    qual.en += ' that meet the conditions';
    qual.zh = '满足条件的' + qual.zh;
  }
  const n = good.length;
  if (n < want.min || n > want.max) {
    if (objs.length === 0 && want.min > 0) {
      return {
        met: false,
        reason: { en: `No ${set.en} found; expected ${want.en}.`, zh: `没有找到${set.zh}；期望${want.zh}。` },
      };
    }
    let en = `Found ${n} ${set.en}${qual.en}; expected ${want.en}.`;
    let zh = `找到 ${n} 个${qual.zh}${set.zh}；期望${want.zh}。`;
    if (firstBad && n < want.min) {
      // a field check reads "<name>: its name is …"; a readiness reason reads "<name> is not Ready (…)"
      const sep = g.where?.length && !/^(is|has|still) /.test(firstBad.why.en) ? ': ' : ' ';
      en += ` ${firstBad.o.metadata.name}${sep}${firstBad.why.en}.`;
      zh += `${firstBad.o.metadata.name}${sep === ': ' ? '：' : ' '}${firstBad.why.zh}。`;
    }
    return { met: false, reason: { en, zh } };
  }
  if (g.minNodes !== undefined) {
    const nodes = new Set(good.map((o) => o.spec?.nodeName as string | undefined).filter(Boolean));
    if (nodes.size < g.minNodes) {
      return {
        met: false,
        reason: {
          en: `The ${n} ${set.en} run on ${nodes.size} node(s); expected at least ${g.minNodes}.`,
          zh: `这 ${n} 个${set.zh}运行在 ${nodes.size} 个节点上；期望至少 ${g.minNodes} 个节点。`,
        },
      };
    }
  }
  return ok;
}

/** Checks every goal of a step. */
export function checkGoals(goals: Goal[], ctx: GoalContext): GoalResult[] {
  return goals.map((g) => checkGoal(g, ctx));
}
