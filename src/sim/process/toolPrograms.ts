/**
 * The other modelled programs: pause, stress, perl, app scripts, fluentd, echo servers, coredns, metrics-server,
 * kube-proxy.
 */
import type { CmdFn } from './applet';
import { dateText } from './dateCommand';
import { resolvePath } from './machineOutput';
import { piDigits } from './piDigits';
import { exec, flagValue, listen, MiB, nginxTime, usage, version } from './programKit';

export const pause: CmdFn = (c) => {
  usage(c, 256 * 1024);
  return { status: 0, forever: true };
};

export function parseStressBytes(s: string): number | undefined {
  const m = /^(\d+)([bBkKmMgG]?)$/.exec(s);
  if (!m) return undefined;
  const mult = { '': 1, b: 1, k: 1024, m: MiB, g: 1024 * MiB }[
    m[2]!.toLowerCase() as '' | 'b' | 'k' | 'm' | 'g'
  ];
  return Number(m[1]) * mult;
}

export function parseStressTime(s: string): number | undefined {
  const m = /^(\d+)([smhdy]?)$/.exec(s);
  if (!m) return undefined;
  return (
    Number(m[1]) *
    { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, y: 31_536_000_000 }[m[2] as '' | 's']
  );
}

export const stress: CmdFn = (c) => {
  const a = c.argv.slice(1);
  const opt = (long: string, short: string) => {
    const i = a.findIndex((x) => x === long || x === short);
    return i >= 0 ? a[i + 1] : undefined;
  };
  if (!a.length || a.includes('--help') || a.includes('-?')) {
    c.out(
      "`stress' imposes certain types of compute stress on your system\n\nUsage: stress [OPTION [ARG]] ...\n" +
        ' -?, --help         show this help statement\n     --version      show version statement\n' +
        ' -v, --verbose      be verbose\n -q, --quiet        be quiet\n -n, --dry-run      show what would have been done\n' +
        ' -t, --timeout N    timeout after N seconds\n     --backoff N    wait factor of N microseconds before work starts\n' +
        ' -c, --cpu N        spawn N workers spinning on sqrt()\n -i, --io N         spawn N workers spinning on sync()\n' +
        ' -m, --vm N         spawn N workers spinning on malloc()/free()\n     --vm-bytes B   malloc B bytes per vm worker (default is 256MB)\n' +
        '     --vm-stride B  touch a byte every B bytes (default is 4096)\n     --vm-hang N    sleep N secs before free (default none, 0 is inf)\n' +
        '     --vm-keep      redirty memory instead of freeing and reallocating\n -d, --hdd N        spawn N workers spinning on write()/unlink()\n' +
        '     --hdd-bytes B  write B bytes per hdd worker (default is 1GB)\n\nExample: stress --cpu 8 --io 4 --vm 2 --vm-bytes 128M --timeout 10s\n\n' +
        'Note: Numbers may be suffixed with s,m,h,d,y (time) or B,K,M,G (size).\n',
    );
    return { status: 0 };
  }
  const cpu = Number(opt('--cpu', '-c') ?? 0);
  const io = Number(opt('--io', '-i') ?? 0);
  const vm = Number(opt('--vm', '-m') ?? 0);
  const hdd = Number(opt('--hdd', '-d') ?? 0);
  const bytesArg = opt('--vm-bytes', '--vm-bytes') ?? '256M';
  const bytes = parseStressBytes(bytesArg);
  const timeoutArg = opt('--timeout', '-t');
  const timeout = timeoutArg !== undefined ? parseStressTime(timeoutArg) : undefined;
  if (bytes === undefined || [cpu, io, vm, hdd].some((n) => !Number.isInteger(n) || n < 0)) {
    c.err(`stress: FAIL: [1] (${bytes === undefined ? 'invalid size' : 'invalid number'})\n`);
    return { status: 1 };
  }
  c.out(`stress: info: [1] dispatching hogs: ${cpu} cpu, ${io} io, ${vm} vm, ${hdd} hdd\n`);
  const hang = opt('--vm-hang', '--vm-hang') !== undefined;
  const workers: string[] = [];
  for (let i = 0; i < cpu + io + vm + hdd; i++) workers.push(c.argv.join(' '));
  for (const w of workers) c.m.proc.extra.push({ pid: c.m.proc.nextPid++, cmd: w });
  usage(c, 900 * 1024 + vm * bytes, cpu * 1000 + io * 50 + hdd * 100 + vm * (hang ? 20 : 1000));
  if (timeout !== undefined) {
    return {
      status: 0,
      delay: timeout,
      out: `stress: info: [1] successful run completed in ${Math.round(timeout / 1000)}s\n`,
    };
  }
  return { status: 0, forever: true };
};

export const perl: CmdFn = (c) => {
  const a = c.argv.slice(1);
  let script: string | undefined;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    if (/^-[a-zA-Z]*e$/.test(x)) script = a[i + 1];
    if (x === '-v') {
      c.out(`\nThis is perl 5, version 34, subversion 0 (v5.34.0) built for x86_64-linux-gnu\n`);
      return { status: 0 };
    }
  }
  usage(c, 4 * MiB);
  if (script === undefined) {
    const file = a.find((x) => !x.startsWith('-'));
    if (!file) return { status: 0 };
    script = c.m.io.readFile(c.m.proc.cid, resolvePath(c.th.cwd, file));
    if (script === undefined) {
      c.err(`Can't open perl script "${file}": No such file or directory\n`);
      return { status: 2 };
    }
  }
  const nl = a.some((x) => /^-[a-zA-Z]*l/.test(x)) ? '\n' : '';
  let out = '';
  let delay = 50;
  for (const stmt of script
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const bpi = /^print\s+bpi\((\d+)\)$/.exec(stmt);
    const str = /^print\s+(["'])(.*)\1$/.exec(stmt);
    const sl = /^sleep\(?\s*(\d+)\s*\)?$/.exec(stmt);
    if (bpi) {
      const n = Number(bpi[1]);
      out += piDigits(n) + nl;
      // Math::BigFloat's pi takes a few seconds at 2000 digits
      delay += Math.round(500 + n * 1.5);
    } else if (str) out += str[2]!.replace(/\\n/g, '\n') + nl;
    else if (sl) delay += Number(sl[1]) * 1000;
    else if (/^exit\s*\(?\s*(\d+)/.test(stmt)) {
      return { status: Number(/(\d+)/.exec(stmt)![1]), delay, out };
    }
  }
  return { status: 0, delay, out };
};

/** An application script (python app.py, node server.js): serves on the port it names, if any. */
export function appScript(lang: string): CmdFn {
  return (c) => {
    const a = c.argv.slice(1);
    const ci = a.findIndex((x) => x === '-c' || x === '-e');
    usage(c, lang === 'node' ? 40 * MiB : 12 * MiB);
    if (ci >= 0) {
      const code = a[ci + 1] ?? '';
      const prints = [...code.matchAll(/(?:print|console\.log)\(\s*(["'])(.*?)\1\s*\)/g)].map(
        (m) => m[2] + '\n',
      );
      c.out(prints.join(''));
      return { status: 0, delay: 30 };
    }
    if (a[0] === '-m' && a[1] === 'http.server') {
      const port = Number(a[2] ?? 8000);
      c.out(`Serving HTTP on 0.0.0.0 port ${port} (http://0.0.0.0:${port}/) ...\n`);
      listen(c, 'http.server', port, { root: c.th.cwd });
      return { status: 0, forever: true };
    }
    const file = a.find((x) => !x.startsWith('-'));
    if (!file) return { status: 0 };
    const src = c.m.io.readFile(c.m.proc.cid, resolvePath(c.th.cwd, file));
    if (src === undefined) {
      if (lang === 'node')
        c.err(
          `node:internal/modules/cjs/loader:1228\n  throw err;\n  ^\n\nError: Cannot find module '${resolvePath(c.th.cwd, file)}'\n`,
        );
      else
        c.err(
          `${c.argv[0]}: can't open file '${resolvePath(c.th.cwd, file)}': [Errno 2] No such file or directory\n`,
        );
      return { status: lang === 'node' ? 1 : 2 };
    }
    const port =
      /(?:listen|port)\D{0,12}(\d{2,5})/i.exec(src)?.[1] ??
      (c.env.PORT && /^\d+$/.test(c.env.PORT) ? c.env.PORT : undefined);
    for (const m of src.matchAll(/(?:print|console\.log)\(\s*(["'`])([^"'`$]*?)\1\s*\)/g)) c.out(m[2] + '\n');
    if (!port) return { status: 0, delay: 50 };
    listen(c, 'app', Number(port), { name: file });
    return { status: 0, forever: true };
  };
}

export const fluentd: CmdFn = (c) => {
  const t = dateText(c.m, '%Y-%m-%d %H:%M:%S +0000');
  c.out(
    `${t} [info]: init supervisor logger path=nil rotate_age=nil rotate_size=nil\n` +
      `${t} [info]: parsing config file is succeeded path="/fluentd/etc/fluent.conf"\n` +
      `${t} [info]: gem 'fluentd' version '1.16.2'\n${t} [info]: using configuration file: <ROOT>\n</ROOT>\n` +
      `${t} [info]: starting fluentd-1.16.2 pid=7 ruby="3.2.2"\n${t} [info]: spawn command to main:  cmdline=["/usr/local/bin/ruby", "-Eascii-8bit:ascii-8bit", "/usr/local/bundle/bin/fluentd", "--config", "/fluentd/etc/fluent.conf", "--plugin", "/fluentd/plugins", "--under-supervisor"]\n` +
      `${t} [info]: #0 fluentd worker is now running worker=0\n`,
  );
  listen(c, 'fluentd', 24224);
  usage(c, 70 * MiB, 2);
  return { status: 0, forever: true };
};

export const echoserver: CmdFn = (c) => {
  listen(c, 'echoserver', 8080);
  usage(c, 4 * MiB);
  return { status: 0, forever: true };
};

export const httpEcho: CmdFn = (c) => {
  const text = flagValue(c.argv, '-text') ?? flagValue(c.argv, '--text');
  const t = nginxTime(c.m);
  if (text === undefined) {
    c.err(`${t} [ERR] Missing -text option!\n`);
    return { status: 127 };
  }
  const addr = flagValue(c.argv, '-listen') ?? flagValue(c.argv, '--listen') ?? ':5678';
  const port = Number(addr.slice(addr.lastIndexOf(':') + 1)) || 5678;
  c.out(`${t} [INFO] server is listening on ${addr}\n`);
  listen(c, 'http-echo', port, { text });
  usage(c, 3 * MiB);
  return { status: 0, forever: true };
};

export const helloApp: CmdFn = (c) => {
  const port = Number(c.env.PORT ?? 8080) || 8080;
  c.out(`${nginxTime(c.m)} Server listening on port ${port}\n`);
  listen(c, 'hello-app', port, {
    version: `${version(c.m.proc.tag, '1.0')}.0`.replace(/^(\d+\.\d+\.\d+)\.0$/, '$1'),
  });
  usage(c, 4 * MiB);
  return { status: 0, forever: true };
};

export const coredns: CmdFn = (c) => {
  c.out(
    '.:53\n[INFO] plugin/reload: Running configuration SHA512 = 591cf328cccc12bc490481273e738df59329c62c0b729d94e8b61db9961c2fa5f046dd37f1cf888b953814040d180f52594972691cd6ff41be96639138a43908\n' +
      `CoreDNS-${version(c.m.proc.tag.replace(/^v/, ''), '1.11.1')}\nlinux/amd64, go1.20.7, ae2bbc2\n`,
  );
  for (const p of [53, 8080, 8181, 9153]) listen(c, 'coredns', p);
  usage(c, 15 * MiB, 3);
  return { status: 0, forever: true };
};

export const metricsServer: CmdFn = (c) => {
  const port = Number(flagValue(c.argv, '--secure-port') ?? 10250);
  const t = dateText(c.m, '%m%d %H:%M:%S.000000');
  c.out(
    `I${t}       1 serving.go:374] Generated self-signed cert (/tmp/apiserver.crt, /tmp/apiserver.key)\n` +
      `I${t}       1 handler.go:275] Adding GroupVersion metrics.k8s.io v1beta1 to ResourceManager\n` +
      `I${t}       1 secure_serving.go:213] Serving securely on [::]:${port}\n`,
  );
  listen(c, 'metrics-server', port);
  usage(c, 20 * MiB, 4);
  return { status: 0, forever: true };
};

/** kube-proxy's start-up log in iptables mode (klog lines as kube-proxy v1.31 prints them), then it runs on. */
export const kubeProxy: CmdFn = (c) => {
  const t = dateText(c.m, '%m%d %H:%M:%S.000000');
  const line = (at: string, msg: string) => `I${t}       1 ${at}] ${msg}\n`;
  c.out(
    line('server_linux.go:66', '"Using iptables proxy"') +
      line('server.go:243', '"kube-proxy running in dual-stack mode" primary ipFamily="IPv4"') +
      line('server_linux.go:169', '"Using iptables Proxier"') +
      line('server.go:483', `"Version info" version="${c.m.proc.tag || 'v1.31.4'}"`) +
      line('config.go:199', '"Starting service config controller"') +
      line('shared_informer.go:313', 'Waiting for caches to sync for service config') +
      line('config.go:105', '"Starting endpoint slice config controller"') +
      line('shared_informer.go:313', 'Waiting for caches to sync for endpoint slice config') +
      line('config.go:328', '"Starting node config controller"') +
      line('shared_informer.go:313', 'Waiting for caches to sync for node config') +
      line('shared_informer.go:320', 'Caches are synced for node config') +
      line('shared_informer.go:320', 'Caches are synced for service config') +
      line('shared_informer.go:320', 'Caches are synced for endpoint slice config'),
  );
  // healthz and metrics, as kube-proxy listens on the host network
  listen(c, 'kube-proxy', 10256);
  usage(c, 12 * MiB, 2);
  return { status: 0, forever: true };
};

export const tini: CmdFn = (c) => {
  const rest = c.argv.slice(1);
  if (rest[0] === '--') rest.shift();
  return exec(rest);
};

export const passEntrypoint: CmdFn = (c) => exec(c.argv.slice(1));

export const fluentdEntrypoint: CmdFn = (c) => exec(c.argv.length > 1 ? c.argv.slice(1) : ['fluentd']);
