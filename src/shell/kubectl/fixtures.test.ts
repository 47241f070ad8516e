/**
 * Runs each script in ./fixtures as the headless runner does. In a script, `#> text` after a command says its
 * output contains `text`, `#!> text` that it does not, `#? N` that it exits with N (0 when not said).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSession } from '../session';
import { memoryFs } from '../memoryFs';

const root = join(__dirname, 'fixtures');

function files(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    const rel = prefix + name;
    if (statSync(full).isDirectory()) Object.assign(out, files(full, rel + '/'));
    else out[rel] = readFileSync(full, 'utf8');
  }
  return out;
}

interface Check {
  command: string;
  line: number;
  contains: string[];
  lacks: string[];
  status: number;
}

function checks(script: string): Check[] {
  const out: Check[] = [];
  script.split('\n').forEach((text, i) => {
    const t = text.trimEnd();
    const last = out[out.length - 1];
    if (t.startsWith('#> ') && last) last.contains.push(t.slice(3));
    else if (t.startsWith('#!> ') && last) last.lacks.push(t.slice(4));
    else if (t.startsWith('#? ') && last) last.status = Number(t.slice(3));
    else if (t && !t.startsWith('#'))
      out.push({ command: t, line: i + 1, contains: [], lacks: [], status: 0 });
  });
  return out;
}

function play(name: string, seed: number): string {
  const session = createSession({ mode: 'script', fs: memoryFs(files(root)), seed });
  let transcript = '';
  for (const c of checks(readFileSync(join(root, name), 'utf8'))) {
    const r = session.exec(c.command);
    transcript += `$ ${c.command}\n${r.output}`;
    const where = `${name}:${c.line}: ${c.command}\n${r.output}`;
    for (const s of c.contains) expect(r.output, where).toContain(s);
    for (const s of c.lacks) expect(r.output, where).not.toContain(s);
    expect(r.exitCode, where).toBe(c.status);
  }
  return transcript;
}

const scripts = readdirSync(root).filter((f) => f.endsWith('.sh'));

describe('kubectl fixtures', () => {
  it('there are scripts to run', () => {
    expect(scripts.length).toBeGreaterThan(0);
  });
  for (const name of scripts) {
    it(name, () => {
      play(name, 1);
    });
  }
  it('replays byte for byte with the same seed', () => {
    expect(play('rollout.sh', 7)).toBe(play('rollout.sh', 7));
  });
});
