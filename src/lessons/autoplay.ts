/**
 * Instructor autoplay: the beats of a step's script. Without an explicit script, the solution's commands are
 * played one by one (`sim advance` as a time beat), so every step with a solution can play itself.
 */
import type { ScriptItem, Step } from './types';

/** Splits a script into command units: `\` continuations and `<<EOF` heredocs stay with their line. */
export function splitCommands(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let cur = lines[i]!;
    if (!cur.trim() || cur.trim().startsWith('#')) continue;
    while (cur.endsWith('\\') && i + 1 < lines.length) cur += '\n' + lines[++i]!;
    const here = /<<-?\s*['"]?(\w+)['"]?/.exec(cur);
    if (here) {
      const end = here[1]!;
      while (i + 1 < lines.length) {
        const l = lines[++i]!;
        cur += '\n' + l;
        if (l.trim() === end) break;
      }
    }
    out.push(cur);
  }
  return out;
}

export function autoplayScript(step: Step): ScriptItem[] {
  if (step.script?.length) return step.script;
  const out: ScriptItem[] = [];
  if (step.highlight.length) out.push({ highlight: step.highlight });
  for (const cmd of splitCommands(step.solution ?? '')) {
    const adv = /^sim advance (\S+)$/.exec(cmd.trim());
    out.push(adv ? { advance: adv[1]! } : { run: cmd });
  }
  return out;
}
