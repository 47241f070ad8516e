/**
 * `sim why <pod>`: the scheduler's last decision about a pod, in the learner's language — which node won and
 * with what score, and why every other node was filtered out. The frame is ours (src/shell/messages.ts, English
 * and Chinese); plugin names and their reason texts stay as kube-scheduler writes them.
 */
import type { ScheduleResult } from '../../sim/scheduler/framework';
import type { Cluster } from '../../sim/cluster';
import { lastDecision } from '../../sim/scheduler/schedulerModule';
import { shellMessage, type ShellLang } from '../messages';

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

/** A scheduling decision as text, one line per evaluated node. */
export function explainWhy(lang: ShellLang, result: ScheduleResult, podName: string): string {
  const m = (key: Parameters<typeof shellMessage>[1], v: Record<string, string | number> = {}) =>
    shellMessage(lang, key, Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)])));
  const lines: string[] = [];
  const scored = Object.entries(result.scores);
  const filtered = Object.entries(result.filtered).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (result.nodeName)
    lines.push(
      m('whyAssigned', {
        pod: podName,
        node: result.nodeName,
        feasible: result.feasibleNodes,
        evaluated: result.evaluatedNodes,
      }),
    );
  else lines.push(m('whyUnschedulable', { pod: podName, message: result.message ?? m('whyNoNodeFits') }));
  const width = Math.max(4, ...scored.map(([n]) => n.length), ...filtered.map(([n]) => n.length));
  scored.sort(([a, x], [b, y]) => {
    if (a === result.nodeName) return -1;
    if (b === result.nodeName) return 1;
    return y.total - x.total || (a < b ? -1 : a > b ? 1 : 0);
  });
  const chosenTotal = result.nodeName ? result.scores[result.nodeName]?.total : undefined;
  for (const [name, s] of scored) {
    const mark = name === result.nodeName ? m('whyChosen') : s.total === chosenTotal ? m('whyTied') : '';
    const breakdown = Object.entries(s.plugins)
      .map(([p, v]) => `${p}=${v}`)
      .join(', ');
    lines.push(m('whyScore', { name: pad(name, width), total: s.total, breakdown, mark }));
  }
  for (const [name, reasons] of filtered)
    lines.push(
      m('whyFiltered', {
        name: pad(name, width),
        plugin: reasons[0]?.plugin ?? '',
        reasons: reasons.map((r) => r.reason).join(', '),
      }),
    );
  const unlisted = result.evaluatedNodes - scored.length - filtered.length;
  if (unlisted > 0) lines.push(m('whyUnlisted', { count: unlisted }));
  const notEvaluated = (result.totalNodes ?? result.evaluatedNodes) - result.evaluatedNodes;
  if (notEvaluated > 0) lines.push(m('whyNotEvaluated', { count: notEvaluated }));
  return lines.join('\n') + '\n';
}

/** `sim why` on a cluster: the text, or an error in the learner's language. */
export function simWhy(
  c: Cluster,
  lang: ShellLang,
  namespace: string,
  pod: string | undefined,
): { text?: string; error?: string } {
  if (!pod) return { error: shellMessage(lang, 'whyUsage') };
  if (!c.api.get('Pod', namespace, pod)) return { error: shellMessage(lang, 'whyNoPod', { pod }) };
  const d = lastDecision(c, namespace, pod);
  if (!d) return { error: shellMessage(lang, 'whyNoDecision', { pod }) };
  return { text: explainWhy(lang, d, pod) };
}
