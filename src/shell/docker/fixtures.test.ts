/**
 * Runs every script in ./fixtures through the shell session (the headless runner's path). A script is what a
 * learner types; `#> text` after a command asserts its output contains `text`, `#!> text` that it does not,
 * `#? N` its exit status (0 unless said).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSession, runScript } from '../session';
import { memoryFs } from '../memoryFs';
import { docker } from './dockerCommand';

const dir = join(__dirname, 'fixtures');

function readTree(root: string, rel = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(join(root, rel))) {
    const r = rel ? `${rel}/${name}` : name;
    if (statSync(join(root, r)).isDirectory()) Object.assign(out, readTree(root, r));
    else out[r] = readFileSync(join(root, r), 'utf8');
  }
  return out;
}

interface Step {
  line: string;
  lineNo: number;
  has: string[];
  hasNot: string[];
  exit: number;
}

function parseFixture(text: string): Step[] {
  const steps: Step[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trimEnd();
    const cur = steps[steps.length - 1];
    if (line.startsWith('#> ')) cur!.has.push(line.slice(3));
    else if (line.startsWith('#!> ')) cur!.hasNot.push(line.slice(4));
    else if (line.startsWith('#? ')) cur!.exit = Number(line.slice(3));
    else if (line && !line.startsWith('#')) {
      const step: Step = { line, lineNo: i + 1, has: [], hasNot: [], exit: 0 };
      // a heredoc runs with its body as one command
      const hd = /<<-?\s*'?(\w+)'?/.exec(line);
      if (hd) {
        while (i + 1 < lines.length && lines[i + 1]!.trim() !== hd[1]) step.line += '\n' + lines[++i]!;
        step.line += '\n' + (lines[++i] ?? '');
      }
      steps.push(step);
    }
  }
  return steps;
}

function runFixture(name: string, seed = 1): string {
  const session = createSession({ mode: 'script', fs: memoryFs(readTree(dir)), seed });
  // Until the shell's command table lists docker, add it here (the table is the shell's, the command is ours).
  if (!session.commands.some((c) => c.name === 'docker')) session.commands.push(docker);
  let transcript = '';
  for (const step of parseFixture(readFileSync(join(dir, name), 'utf8'))) {
    const r = session.exec(step.line);
    transcript += `$ ${step.line}\n${r.output}`;
    const where = `${name}:${step.lineNo} ${step.line}\n${r.output}`;
    for (const t of step.has) expect(r.output, where).toContain(t);
    for (const t of step.hasNot) expect(r.output, where).not.toContain(t);
    expect(r.exitCode, where).toBe(step.exit);
  }
  return transcript;
}

const fixtures = readdirSync(dir).filter((f) => f.endsWith('.sh'));

describe('docker fixtures', () => {
  it('exist', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(6);
  });
  for (const f of fixtures) {
    it(f, () => {
      runFixture(f);
    });
  }
  it('replay: same seed and script give the same transcript', () => {
    expect(runFixture('run-basics.sh', 5)).toBe(runFixture('run-basics.sh', 5));
  });
});

describe('headless runner', () => {
  it('runs docker through the shell command table (runScript)', () => {
    const { transcript } = runScript('docker run --rm busybox echo hello from the runner\ndocker ps -a\n', {
      seed: 1,
    });
    expect(transcript).toContain('$ docker run --rm busybox echo hello from the runner\n');
    expect(transcript).toContain('hello from the runner\n');
    expect(transcript).toContain(
      '$ docker ps -a\nCONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n',
    );
  });
});
