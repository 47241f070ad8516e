/** The kubelet's image puller: pull policies, pulls through the node's runtime (one per node and image), back-off. */
import { flat } from '../util/shapes';
import { memoize } from '../util/memo';
import { nodeComponent, type SummaryFormat } from '../engine/eventLog';
import type { Container, Pod } from '../api/types';
import { isNodeUp } from '../nodes/nodeModule';
import type { ContainerWorker, PodWorker } from './types';
import { KubeletProber } from './prober';
import { BACKOFF_INITIAL_MS, BACKOFF_MAX_MS, MANIFEST_MS, RELIST_MS } from './timing';
import { goDuration } from '../util/duration';
import { kubeletState, syncAfter } from './workers';

/** Image pulls, above the prober. */
export abstract class KubeletImagePuller extends KubeletProber {
  protected ensureImage(w: PodWorker, pod: Pod, cw: ContainerWorker, spec: Container): boolean {
    const c = this.c;
    const image = spec.image;
    const policy = spec.imagePullPolicy ?? 'IfNotPresent';
    const present = c.runtime.hasImage(w.node, image);
    if (cw.pulledJustNow) {
      cw.pulledJustNow = false;
      return true;
    }
    if (policy === 'Never' && !present) {
      const msg = `Container image "${image}" is not present with pull policy of Never`;
      if (cw.waitingReason !== 'ErrImageNeverPull') {
        c.api.recordEvent(pod, 'Warning', 'ErrImageNeverPull', msg, 'kubelet', w.node);
        c.api.recordEvent(pod, 'Warning', 'Failed', 'Error: ErrImageNeverPull', 'kubelet', w.node);
      }
      cw.waitingReason = 'ErrImageNeverPull';
      cw.waitingMessage = msg;
      return false;
    }
    if (present && policy !== 'Always') {
      c.api.recordEvent(pod, 'Normal', 'Pulled', presentMessage(image), 'kubelet', w.node);
      return true;
    }
    if (cw.pullBackoffUntil !== undefined && c.now < cw.pullBackoffUntil) {
      if (cw.waitingReason !== 'ImagePullBackOff') {
        c.api.recordEvent(pod, 'Normal', 'BackOff', `Back-off pulling image "${image}"`, 'kubelet', w.node);
        c.api.recordEvent(pod, 'Warning', 'Failed', 'Error: ImagePullBackOff', 'kubelet', w.node);
      }
      cw.waitingReason = 'ImagePullBackOff';
      cw.waitingMessage = `Back-off pulling image "${image}"`;
      syncAfter(this.c, w, cw.pullBackoffUntil - c.now);
      return false;
    }
    const plan = c.runtime.planPull(w.node, image);
    if (!plan.ok && plan.reason === 'InvalidImageName') {
      // The image manager cannot apply the default tag: no pull; InspectFailed, then the start fails.
      if (cw.waitingReason !== 'InvalidImageName') {
        c.api.recordEvent(pod, 'Warning', 'InspectFailed', plan.message, 'kubelet', w.node);
        c.api.recordEvent(pod, 'Warning', 'Failed', 'Error: InvalidImageName', 'kubelet', w.node);
      }
      cw.waitingReason = 'InvalidImageName';
      cw.waitingMessage = plan.message;
      return false;
    }
    c.api.recordEvent(pod, 'Normal', 'Pulling', pullingMessage(image), 'kubelet', w.node);
    c.log.hop(
      c.now,
      'pull',
      nodeComponent('runtime', w.node),
      'registry',
      'pull',
      { kind: 'Pod', namespace: w.namespace, name: w.name },
      pullSummary,
      image,
      plan.ok ? String(Math.round(plan.missingBytes / 1e6)) : '',
    );
    cw.pulling = true;
    // Concurrent pulls of one image on a node are one download (containerd de-duplicates them).
    const pulls = (kubeletState(c).pulls[w.node] ??= {});
    // Even a pull of layers already present asks the registry for the manifest first.
    let ms = plan.ok ? Math.max(plan.durationMs, MANIFEST_MS) : MANIFEST_MS + c.rng.int(400);
    const inflight = pulls[image];
    const joined = plan.ok && inflight !== undefined && inflight > c.now;
    if (joined) ms = inflight - c.now;
    else if (plan.ok) pulls[image] = c.now + ms;
    c.clock.after(ms, 'kubelet.pulled', {
      uid: w.uid,
      container: cw.name,
      ok: plan.ok,
      message: plan.ok ? '' : plan.message,
      ms,
      size: plan.ok ? plan.sizeBytes : 0,
      ref: image,
      ...(joined ? { joined: true } : {}),
    });
    return false;
  }

  protected pulled(p: {
    uid: string;
    container: string;
    ok: boolean;
    message: string;
    ms: number;
    size: number;
    ref: string;
    /** This pod waited on another pod's download of the image (one pull per node and image). */
    joined?: boolean;
  }): void {
    const c = this.c;
    const w = kubeletState(c).pods[p.uid];
    const cw = w?.containers[p.container];
    if (!w || !cw || !isNodeUp(c, w.node)) return;
    cw.pulling = false;
    const pod = c.api.get<Pod>('Pod', w.namespace, w.name);
    if (!pod || pod.metadata.uid !== w.uid) return;
    if (p.ok) {
      // A pod that waited on another's download finds the image stored by it (unless that pod went away).
      if (!p.joined || !c.runtime.hasImage(w.node, p.ref)) c.runtime.commitPull(w.node, p.ref);
      const took = goDuration(p.ms);
      c.api.recordEvent(
        pod,
        'Normal',
        'Pulled',
        `Successfully pulled image "${p.ref}" in ${took} (${took} including waiting). Image size: ${p.size} bytes.`,
        'kubelet',
        w.node,
      );
      cw.pullBackoffMs = 0;
      cw.pullBackoffUntil = undefined;
      cw.pulledJustNow = true;
      const pulls = kubeletState(c).pulls[w.node];
      if (pulls && pulls[p.ref] !== undefined && pulls[p.ref]! <= c.now) delete pulls[p.ref];
    } else {
      c.api.recordEvent(
        pod,
        'Warning',
        'Failed',
        `Failed to pull image "${p.ref}": ${p.message}`,
        'kubelet',
        w.node,
      );
      c.api.recordEvent(pod, 'Warning', 'Failed', 'Error: ErrImagePull', 'kubelet', w.node);
      cw.pullBackoffMs = cw.pullBackoffMs
        ? Math.min(cw.pullBackoffMs * 2, BACKOFF_MAX_MS)
        : BACKOFF_INITIAL_MS;
      cw.pullBackoffUntil = c.now + cw.pullBackoffMs;
      cw.waitingReason = /InvalidImageName|invalid reference format/.test(p.message)
        ? 'InvalidImageName'
        : 'ErrImagePull';
      cw.waitingMessage = p.message;
      this.writeStatus(w, pod);
      syncAfter(this.c, w, RELIST_MS);
      return;
    }
    c.enqueue('kubelet', w.uid);
  }
}

const pullSummary: SummaryFormat = (_h, image, mb) => `pull ${image}${mb ? ` (${mb} MB to download)` : ''}`;
const pullingMessage = memoize((image: string) => flat(`Pulling image "${image}"`));
const presentMessage = memoize((image: string) =>
  flat(`Container image "${image}" already present on machine`),
);
