import { describe, expect, it } from 'vitest';
import { createSession, memoryFs, runScript } from './session';
import { splitScript, parseLine } from './parse';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPT = `# a comment
kubectl create deployment web --image=nginx:1.27 --replicas=3
sim advance 15s
kubectl get pods -o wide
kubectl get deploy web \\
  -o name
kubectl apply -f - <<EOF
apiVersion: v1
kind: Namespace
metadata:
  name: team-a
EOF
kubectl get ns
`;

describe('script syntax', () => {
  it('splits comments, continuations and heredocs', () => {
    const cmds = splitScript(SCRIPT);
    expect(cmds.map((c) => c.line)).toEqual([
      'kubectl create deployment web --image=nginx:1.27 --replicas=3',
      'sim advance 15s',
      'kubectl get pods -o wide',
      'kubectl get deploy web  -o name',
      'kubectl apply -f - <<EOF',
      'kubectl get ns',
    ]);
    expect(cmds[4]!.heredoc).toBe('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n');
  });
  it('reads quoted heredoc delimiters', () => {
    const cmds = splitScript('cat <<\'END\'\nhello $X\nEND\ncat <<"EOF"\nx\nEOF\necho done\n');
    expect(cmds.map((c) => c.heredoc)).toEqual(['hello $X\n', 'x\n', undefined]);
  });
  it('tokenizes quotes, pipes and chains', () => {
    const [p1, p2] = parseLine(`kubectl exec x -- sh -c 'echo "a b"' | grep a && echo ok`);
    expect(p1!.commands.map((c) => c.argv)).toEqual([
      ['kubectl', 'exec', 'x', '--', 'sh', '-c', 'echo "a b"'],
      ['grep', 'a'],
    ]);
    expect(p1!.next).toBe('&&');
    expect(p2!.commands[0]!.argv).toEqual(['echo', 'ok']);
  });
});

describe('headless runner', () => {
  it('prints each command as "$ <line>" then its output', () => {
    const { transcript } = runScript(SCRIPT);
    expect(
      transcript.startsWith(
        '$ kubectl create deployment web --image=nginx:1.27 --replicas=3\ndeployment.apps/web created\n$ sim advance 15s\n',
      ),
    ).toBe(true);
    expect(transcript).toContain('$ kubectl get deploy web \\\n  -o name\ndeployment.apps/web\n');
    expect(transcript).toContain(
      '$ kubectl apply -f - <<EOF\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\nEOF\nnamespace/team-a created\n',
    );
    expect(transcript).toMatch(/team-a\s+Active\s+0s/);
  });

  it('is deterministic: same seed and script, byte-identical transcript and event log', () => {
    const a = runScript(SCRIPT, { seed: 42 });
    const b = runScript(SCRIPT, { seed: 42 });
    expect(a.transcript).toBe(b.transcript);
    expect(JSON.stringify(a.session.cluster.log.all())).toBe(JSON.stringify(b.session.cluster.log.all()));
    expect(a.session.cluster.log.size).toBeGreaterThan(50);
  });

  it('changes generated names with another seed', () => {
    const names = (seed: number) =>
      runScript(SCRIPT, { seed })
        .session.cluster.api.list('Pod', 'default')
        .map((p) => p.metadata.name);
    expect(names(1)).not.toEqual(names(2));
  });

  it('reads -f paths relative to the script folder (Node runner)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubelab-'));
    mkdirSync(join(dir, 'manifests'));
    writeFileSync(
      join(dir, 'manifests', 'ns.yaml'),
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: from-file\n',
    );
    writeFileSync(
      join(dir, 'run.sh'),
      'kubectl apply -f manifests/ns.yaml\nkubectl get ns from-file -o name\n',
    );
    const out = execFileSync('npx', ['tsx', 'src/cli/main.ts', 'run', join(dir, 'run.sh'), '--seed', '3'], {
      encoding: 'utf8',
    });
    expect(out).toBe(
      '$ kubectl apply -f manifests/ns.yaml\nnamespace/from-file created\n$ kubectl get ns from-file -o name\nnamespace/from-file\n',
    );
  });
});

describe('bad input', () => {
  it('names an unknown command and lists what exists', () => {
    const s = createSession({ mode: 'script' });
    const r = s.exec('kubctl get pods');
    expect(r.exitCode).toBe(127);
    expect(r.output).toContain('kubctl: command not found');
    expect(r.output).toContain('kubectl');
    expect(r.output).toContain('docker');
  });

  it('reports malformed YAML with line and column', () => {
    const s = createSession({
      mode: 'script',
      fs: memoryFs({
        'bad.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   labels: a\nspec: {}\n',
      }),
    });
    const r = s.exec('kubectl apply -f bad.yaml');
    expect(r.exitCode).not.toBe(0);
    expect(r.output).toMatch(/bad\.yaml.*line [45], column \d+/);
  });

  it('refuses a YAML alias bomb and a 5 MB document quickly', () => {
    const letters = 'abcdefghijklmn';
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 13; i++) {
      const prev = letters[i - 1]!;
      bomb.push(`${letters[i]}: &${letters[i]} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const big =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  k: "' +
      'x'.repeat(5 * 1024 * 1024) +
      '"\n';
    const s = createSession({
      mode: 'script',
      fs: memoryFs({ 'bomb.yaml': bomb.join('\n'), 'big.yaml': big }),
    });
    const t0 = process.hrtime.bigint();
    const r1 = s.exec('kubectl apply -f bomb.yaml');
    const r2 = s.exec('kubectl apply -f big.yaml');
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    expect(r1.exitCode).not.toBe(0);
    expect(r1.output).toMatch(/alias/i);
    expect(r2.exitCode).not.toBe(0);
    expect(r2.output).toMatch(/too (large|big)|exceeds|limit/i);
    expect(ms).toBeLessThan(5000);
    // The engine still works afterwards.
    expect(s.exec('kubectl get ns default -o name').output).toBe('namespace/default\n');
  });

  it('gives kubectl messages for unknown kinds and invalid objects', () => {
    const s = createSession({
      mode: 'script',
      fs: memoryFs({
        'foo.yaml': 'apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n',
        'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  contianers: []\n',
      }),
    });
    expect(s.exec('kubectl apply -f foo.yaml').output).toContain('no matches for kind "Foo" in version "v1"');
    expect(s.exec('kubectl apply -f pod.yaml').output).toContain(
      'strict decoding error: unknown field "spec.contianers"',
    );
  });
});
