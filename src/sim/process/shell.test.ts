import { describe, expect, it } from 'vitest';
import { processHarness } from './testing/harness';
import { parseSh, ShSyntaxError } from './shParser';

function shell(env: Record<string, string> = {}) {
  const h = processHarness();
  h.io.container('c').hostname = 'pod-a';
  h.io.hosts.set('web', {
    ip: '10.96.0.42',
    http: (p) =>
      p === '/missing' ? { status: 404, body: 'nope' } : { status: 200, body: 'hello from web\n' },
  });
  h.io.hosts.set('db', { ip: '10.96.0.43', tcpPorts: [5432] });
  h.io.hosts.set('down', { ip: '10.96.0.44' });
  h.run('c', 'busybox:1.36', ['sleep', '3600'], { env: { GREETING: 'hi there', ...env } });
  const sh = (script: string, stdin?: string) => h.api.exec('c', ['sh', '-c', script], stdin);
  return { h, sh };
}

describe('sh -c through exec', () => {
  const cases: [string, string, number, string?][] = [
    ['echo hello world', 'hello world\n', 0],
    ['echo -n a; echo b', 'ab\n', 0],
    ['echo \'single $HOME\' "double $HOME"', 'single $HOME double /root\n', 0],
    ['echo "$GREETING"; echo $GREETING', 'hi there\nhi there\n', 0],
    ['x=5; y=$((x * 2 + 1)); echo $y', '11\n', 0],
    ['echo ${UNSET:-fallback} ${GREETING:+set}', 'fallback set\n', 0],
    ['false; echo $?', '1\n', 0],
    ['true && echo yes || echo no', 'yes\n', 0],
    ['false && echo yes || echo no', 'no\n', 0],
    ['exit 7', '', 7],
    ['(exit 3); echo $?', '3\n', 0],
    ['x=1; (x=2); echo $x', '1\n', 0],
    ['for i in a b c; do echo $i; done', 'a\nb\nc\n', 0],
    ['for i in $(seq 3); do printf "%s," $i; done', '1,2,3,', 0],
    ['i=0; while [ $i -lt 3 ]; do i=$((i+1)); done; echo $i', '3\n', 0],
    ['i=0; until [ $i -ge 2 ]; do i=$((i+1)); done; echo $i', '2\n', 0],
    ['if [ -f /etc/resolv.conf ]; then echo file; else echo none; fi', 'file\n', 0],
    ['if test -d /nope; then echo a; elif [ "x" = "x" ]; then echo b; else echo c; fi', 'b\n', 0],
    ['[ -z "" ] && [ -n "a" ] && [ a != b ] && echo ok', 'ok\n', 0],
    ['[ 1 -eq 1', '', 2, 'sh: missing ]\n'],
    ['foo --bar', '', 127, 'sh: foo: not found\n'],
    ['echo a > /tmp/f; echo b >> /tmp/f; cat /tmp/f', 'a\nb\n', 0],
    ['cat /nope 2>&1', "cat: can't open '/nope': No such file or directory\n", 1],
    ['cat /nope 2>/dev/null; echo $?', '1\n', 0],
    ['echo out; echo err >&2', 'out\n', 0, 'err\n'],
    ['printf "a\\nb\\nc\\n" | grep -v b | wc -l', '2\n', 0],
    ['echo "one two three" | cut -d " " -f 2', 'two\n', 0],
    ['echo Hello | tr a-z A-Z', 'HELLO\n', 0],
    ['echo foo-bar | sed s/-/_/g', 'foo_bar\n', 0],
    ['printf "c\\na\\nb\\n" | sort | head -n 2', 'a\nb\n', 0],
    ['seq 5 | tail -2', '4\n5\n', 0],
    ['echo abc | grep -q b && echo found', 'found\n', 0],
    ['hostname; echo $HOSTNAME', 'pod-a\npod-a\n', 0],
    ['echo "$(hostname)-x"', 'pod-a-x\n', 0],
    ['f() { echo "arg:$1"; return 4; }; f z; echo $?', 'arg:z\n4\n', 0],
    ['set -e; echo a; false; echo b', 'a\n', 1],
    ['set -e; if false; then :; fi; false || echo handled', 'handled\n', 0],
    ['cd /tmp && pwd', '/tmp\n', 0],
    ['cd /nope', '', 2, "sh: cd: can't cd to /nope: No such file or directory\n"],
    ['mkdir -p /a/b/c && ls /a/b', 'c\n', 0],
    ['mkdir /x/y', '', 1, "mkdir: can't create directory '/x/y': No such file or directory\n"],
    ['touch /tmp/t; rm /tmp/t; rm /tmp/t', '', 1, "rm: can't remove '/tmp/t': No such file or directory\n"],
    ['rm -f /tmp/none; echo $?', '0\n', 0],
    ['touch /tmp/a1 /tmp/a2; echo /tmp/a*', '/tmp/a1 /tmp/a2\n', 0],
    ['for i in 1 2 3 4; do if [ $i = 3 ]; then break; fi; echo $i; done', '1\n2\n', 0],
    ['for i in 1 2 3; do [ $i = 2 ] && continue; echo $i; done', '1\n3\n', 0],
    ['echo $((7 / 2)) $((7 % 3)) $((2 > 1))', '3 1 1\n', 0],
    ['x=abc.txt; echo ${x%.txt} ${#x}', 'abc 7\n', 0],
    ['echo "a b" | { read_line=$(cat); echo "[$read_line]"; }', '[a b]\n', 0],
    ['env | grep GREETING', 'GREETING=hi there\n', 0],
    ['printenv GREETING; printenv NOPE; echo $?', 'hi there\n1\n', 0],
    ["FOO=bar sh -c 'echo $FOO'", 'bar\n', 0],
    ['x=1; sh -c \'echo "[$x]"\'', '[]\n', 0],
    ["export FOO=bar; sh -c 'echo $FOO'", 'bar\n', 0],
    ['sleep 1 & wait; echo done', 'done\n', 0],
    [
      'whoami; id -u 2>/dev/null; uname',
      'root\nuid=0(root) gid=0(root) groups=0(root),10(wheel)\nLinux\n',
      0,
    ],
    ['date +%Y-%m-%dT%H:%M:%S', '2026-01-01T00:00:00\n', 0],
    ['sleep 5; date +%s', '1767225605\n', 0],
    ['echo "unterminated', '', 2, 'sh: unterminated quoted string\n'],
    ['if true; then echo x', '', 2, 'sh: syntax error: unexpected end of file (expecting "fi")\n'],
    ['trap "echo bye" TERM; echo set', 'set\n', 0],
    ['exec echo replaced; echo never', 'replaced\n', 0],
    ['sh -c "exit 4"; echo $?', '4\n', 0],
    ['sh -ec "false; echo no"; echo $?; false; echo still', '1\nstill\n', 0],
    ["sh -c 'echo $0 $1' zero one", 'zero one\n', 0],
    ['echo a\\ b "c\\"d"', 'a b c"d\n', 0],
    ['x=; [ -z "$x" ] && echo empty', 'empty\n', 0],
    ['printf "a 1\\nb 2\\n" > /tmp/l; while read k v; do echo "$v=$k"; done < /tmp/l', '1=a\n2=b\n', 0],
    ['echo "x y z" | { read a rest; echo "$rest|$a"; }', 'y z|x\n', 0],
  ];
  for (const [script, out, code, err] of cases) {
    it(script, () => {
      const { sh } = shell();
      const r = sh(script);
      expect(r.stdout).toBe(out);
      expect(r.exitCode).toBe(code);
      if (err !== undefined) expect(r.stderr).toBe(err);
    });
  }

  it('runs a script from stdin (kubectl exec -i … -- sh)', () => {
    const { h } = shell();
    expect(h.api.exec('c', ['sh'], 'echo from stdin\nexit 5\n')).toEqual({
      exitCode: 5,
      stdout: 'from stdin\n',
      stderr: '',
    });
  });

  it('reports how long an exec would have taken (probe timeouts)', () => {
    const { sh } = shell();
    expect(sh('sleep 3; echo done')).toEqual({ exitCode: 0, stdout: 'done\n', stderr: '', durationMs: 3000 });
  });

  it('cat reads stdin', () => {
    const { h } = shell();
    expect(h.api.exec('c', ['cat'], 'piped').stdout).toBe('piped');
  });

  it('ps lists PID 1 and the exec itself', () => {
    const { sh } = shell();
    const r = sh('ps');
    expect(r.stdout.split('\n')[0]).toBe('PID   USER     TIME  COMMAND');
    expect(r.stdout).toContain('    1 root      0:00 sleep 3600');
  });

  it('kill 1 does not stop a main process without a SIGTERM handler; kill -9 1 does', () => {
    const { h, sh } = shell();
    sh('kill 1');
    expect(h.io.container('c').exits).toHaveLength(0);
    sh('kill -9 1');
    expect(h.io.container('c').exits[0]?.code).toBe(137);
  });

  it('an infinite loop in exec is cut off instead of hanging', () => {
    const { sh } = shell();
    const r = sh('while true; do :; done; echo after');
    expect(r.exitCode).toBe(0);
  });
});

describe('network clients', () => {
  it('wget -qO- prints the body; wget to a file saves it', () => {
    const { h, sh } = shell();
    expect(sh('wget -qO- http://web')).toMatchObject({ exitCode: 0, stdout: 'hello from web\n', stderr: '' });
    const r = sh('cd /tmp && wget http://web/page.html');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain("saving to 'page.html'");
    expect(h.io.container('c').files.get('/tmp/page.html')).toBe('hello from web\n');
    expect(sh('cd /tmp && wget -q http://web/page.html').stderr).toBe(
      "wget: can't open 'page.html': File exists\n",
    );
  });

  it('wget errors use busybox wording', () => {
    const { sh } = shell();
    expect(sh('wget -q -O- http://nowhere')).toMatchObject({
      exitCode: 1,
      stdout: '',
      stderr: "wget: bad address 'nowhere'\n",
    });
    expect(sh('wget -q -O- http://down').stderr).toBe(
      "wget: can't connect to remote host (10.96.0.44): Connection refused\n",
    );
    expect(sh('wget -q -O- http://web/missing').stderr).toBe(
      'wget: server returned error: HTTP/1.1 404 Not Found\n',
    );
    expect(sh('wget -q --spider http://web').exitCode).toBe(0);
  });

  it('nslookup and nc -z', () => {
    const { sh } = shell();
    expect(sh('nslookup web').stdout).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: 10.96.0.42\n\n',
    );
    const miss = sh('nslookup ghost');
    expect(miss.exitCode).toBe(1);
    expect(miss.stdout).toContain("** server can't find ghost: NXDOMAIN");
    expect(sh('nc -z db 5432').exitCode).toBe(0);
    expect(sh('nc -z db 5433').exitCode).toBe(1);
  });

  it('curl exists in images that ship it', () => {
    const h = processHarness();
    h.io.hosts.set('web', { ip: '10.96.0.42', http: () => ({ status: 200, body: 'hi' }) });
    h.run('n', 'nginx', ['nginx', '-g', 'daemon off;']);
    expect(h.api.exec('n', ['curl', '-s', 'http://web'])).toMatchObject({
      exitCode: 0,
      stdout: 'hi',
      stderr: '',
    });
    expect(h.api.exec('n', ['curl', 'http://nowhere']).stderr).toBe(
      'curl: (6) Could not resolve host: nowhere\n',
    );
  });
});

describe('parser', () => {
  it('produces a flat JSON AST', () => {
    const ast = parseSh('a && b | c; for x in 1 2; do echo $x; done &');
    expect(JSON.parse(JSON.stringify(ast))).toEqual(ast);
    const root = ast.nodes[ast.root]!;
    expect(root.t).toBe('list');
    if (root.t === 'list') expect(root.items.map((i) => i.bg)).toEqual([false, true]);
  });

  it('rejects broken scripts with ash wording', () => {
    expect(() => parseSh('do echo')).toThrow(ShSyntaxError);
    expect(() => parseSh('while true; do echo')).toThrow(
      'syntax error: unexpected end of file (expecting "done")',
    );
    expect(() => parseSh('echo )')).toThrow('syntax error: unexpected ")"');
  });
});
