/**
 * "Why this node?": a scheduling decision as English text, one line per evaluated node, for the `sim why`
 * command and as a fallback in the UI (which renders the structured result itself, translating plugin names).
 */
import type { ScheduleResult } from './framework';

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

/** Plugins that gave a non-zero weighted score, `Name=points`, in the profile's order. */
function breakdown(plugins: Record<string, number>): string {
  const parts: string[] = [];
  for (const [name, v] of Object.entries(plugins)) parts.push(`${name}=${v}`);
  return parts.join(', ');
}

/** Human-readable explanation of one decision. */
export function explainDecision(result: ScheduleResult, podName: string): string {
  const lines: string[] = [];
  const scored = Object.entries(result.scores);
  const filtered = Object.entries(result.filtered).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (result.nodeName) {
    lines.push(
      `Pod ${podName} was assigned to ${result.nodeName}: ${result.feasibleNodes} of ${result.evaluatedNodes} evaluated node(s) fit; highest total score wins (ties broken at random).`,
    );
  } else {
    lines.push(`Pod ${podName} could not be scheduled: ${result.message ?? 'no node fits'}`);
  }
  const width = Math.max(4, ...scored.map(([n]) => n.length), ...filtered.map(([n]) => n.length));
  scored.sort(([a, x], [b, y]) => {
    if (a === result.nodeName) return -1;
    if (b === result.nodeName) return 1;
    return y.total - x.total || (a < b ? -1 : a > b ? 1 : 0);
  });
  for (const [name, s] of scored) {
    const chosenTotal = result.nodeName ? result.scores[result.nodeName]?.total : undefined;
    const mark = name === result.nodeName ? '  <- chosen' : s.total === chosenTotal ? '  (tied)' : '';
    lines.push(`  ${pad(name, width)}  score ${s.total} (${breakdown(s.plugins)})${mark}`);
  }
  for (const [name, reasons] of filtered) {
    const plugin = reasons[0]?.plugin ?? '';
    lines.push(`  ${pad(name, width)}  filtered by ${plugin}: ${reasons.map((r) => r.reason).join(', ')}`);
  }
  const unlisted = result.evaluatedNodes - scored.length - filtered.length;
  if (unlisted > 0) lines.push(`  (${unlisted} more feasible node(s) with lower scores not listed)`);
  const notEvaluated = (result.totalNodes ?? result.evaluatedNodes) - result.evaluatedNodes;
  if (notEvaluated > 0) {
    lines.push(
      `  (${notEvaluated} other node(s) not evaluated: the search stops once enough feasible nodes are found)`,
    );
  }
  return lines.join('\n');
}
