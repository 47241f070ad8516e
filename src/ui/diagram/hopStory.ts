/**
 * The caption of the control-plane story: one sentence per hop, in the learner's words, naming who sends what to
 * whom ("The scheduler picks worker-2 and binds Pod web-… to it"). Pure: returns an i18n key under `story.` and
 * its values; names of components are i18n keys too, so both languages use the glossary's terms.
 */
import type { Flight } from './hopQueue';

export interface StoryLine {
  key: string;
  values: Record<string, string>;
}

/** The i18n key (under `story.who.`) naming a component id of the event log, and the node it runs on. */
export function whoOf(component: string): { who: string; node?: string } {
  const [base, rest] = component.split('/', 2) as [string, string | undefined];
  switch (base) {
    case 'kubectl':
    case 'user':
      return { who: 'kubectl' };
    case 'kube-apiserver':
      return { who: 'apiServer' };
    case 'etcd':
      return { who: 'etcd' };
    case 'kube-scheduler':
      return { who: 'scheduler' };
    case 'kube-controller-manager':
      return { who: 'controllerManager' };
    case 'cloud-controller-manager':
      return { who: 'cloudControllerManager' };
    case 'kubelet':
      return rest ? { who: 'kubeletOn', node: rest } : { who: 'kubelet' };
    case 'runtime':
      return rest ? { who: 'runtimeOn', node: rest } : { who: 'runtime' };
    case 'registry':
      return { who: 'registry' };
    case 'dockerd':
      return { who: 'dockerd' };
    case 'container':
      return { who: 'container' };
    default:
      return { who: 'other' };
  }
}

function objText(f: Flight): string {
  return f.object ? `${f.object.kind} ${f.object.name}` : '';
}

/** The sentence telling one hop. */
export function storyLine(f: Flight): StoryLine {
  const obj = objText(f);
  const from = whoOf(f.source);
  const to = whoOf(f.target);
  const node = from.node ?? to.node ?? '';
  const v = { obj, verb: f.verb, label: f.label, node, from: from.who, to: to.who };
  switch (f.kind) {
    case 'request':
      if (from.who === 'kubectl') return { key: 'kubectlRequest', values: v };
      return { key: 'request', values: v };
    case 'persist':
      return { key: 'persist', values: v };
    case 'watch':
      if (to.who === 'scheduler' && f.verb === 'ADDED') return { key: 'watchScheduler', values: v };
      if (to.who === 'kubeletOn' && f.verb === 'ADDED') return { key: 'watchKubelet', values: v };
      return { key: 'watch', values: v };
    case 'bind':
      return { key: 'bind', values: { ...v, node: / to (\S+)$/.exec(f.summary)?.[1] ?? '' } };
    case 'runtime':
      if (f.verb === 'RunPodSandbox') return { key: 'sandbox', values: v };
      if (f.verb === 'start') return { key: 'start', values: v };
      if (f.verb === 'stop') return { key: 'stop', values: v };
      break;
    case 'pull': {
      // the Docker daemon's own pulls (`docker pull` / `docker run`): asked, a layer, or refused
      if (from.who === 'dockerd' && to.who === 'registry')
        return { key: 'dockerPull', values: { ...v, image: /^resolve (\S+)/.exec(f.summary)?.[1] ?? '' } };
      if (to.who === 'dockerd')
        return f.verb === 'blob'
          ? { key: 'dockerLayer', values: v }
          : { key: 'dockerRefused', values: { ...v, image: f.summary } };
      if (to.who === 'registry') {
        const image = /^pull (\S+)/.exec(f.summary)?.[1] ?? '';
        return { key: 'pull', values: { ...v, image } };
      }
      return { key: 'pulled', values: v };
    }
  }
  return { key: 'hop', values: v };
}
