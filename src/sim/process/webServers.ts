/** The web servers the simulator models: nginx (its entrypoint, welcome and error pages), httpd, php-apache. */
import { appended } from '../util/shapes';
import type { CmdCtx, CmdFn } from './applet';
import { dateText } from './dateCommand';
import { exec, listen, MiB, nginxTime, usage, release } from './programKit';

export const NGINX_ENTRY = [
  '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
  '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
  '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
  '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
  '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
  '/docker-entrypoint.sh: Configuration complete; ready for start up',
];

/** The default nginx welcome page (the runtime may put it in the image's layer). */
export const NGINX_INDEX_HTML = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

export const HTTPD_INDEX_HTML = '<html><body><h1>It works!</h1></body></html>\n';

export function nginxPage(status: number, text: string, ver: string): string {
  return `<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n<center><h1>${status} ${text}</h1></center>\r\n<hr><center>nginx/${ver}</center>\r\n</body>\r\n</html>\r\n`;
}

export const NGINX_ENTRY_TEXT = NGINX_ENTRY.join('\n') + '\n';

export const nginxEntrypoint: CmdFn = (c) => {
  const rest = c.argv.slice(1);
  if (rest[0] === 'nginx' || rest[0] === 'nginx-debug') c.out(NGINX_ENTRY_TEXT);
  return exec(rest);
};

export function nginxPort(c: CmdCtx): number {
  const conf = c.m.io.readFile(c.m.proc.cid, '/etc/nginx/conf.d/default.conf') ?? '';
  const m = /^\s*listen\s+(?:[\d.]+:)?(\d+)/m.exec(conf);
  return m ? Number(m[1]) : 80;
}

export const nginx: CmdFn = (c) => {
  if (c.argv.includes('-v') || c.argv.includes('-V')) {
    c.err(`nginx version: nginx/${release(c, 'NGINX_VERSION', '1.27.3')}\n`);
    return { status: 0 };
  }
  if (c.argv.includes('-t')) {
    c.err(
      'nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n',
    );
    return { status: 0 };
  }
  const ver = release(c, 'NGINX_VERSION', '1.27.3');
  const t = nginxTime(c.m);
  const w1 = c.m.proc.nextPid++;
  const w2 = c.m.proc.nextPid++;
  c.out(
    [
      `${t} [notice] 1#1: using the "epoll" event method`,
      `${t} [notice] 1#1: nginx/${ver}`,
      `${t} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14)`,
      `${t} [notice] 1#1: OS: Linux 6.1.0-kubelab`,
      `${t} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
      `${t} [notice] 1#1: start worker processes`,
      `${t} [notice] 1#1: start worker process ${w1}`,
      `${t} [notice] 1#1: start worker process ${w2}`,
    ].join('\n') + '\n',
  );
  c.th.cmdline = `nginx: master process ${c.argv.join(' ')}`;
  c.m.proc.extra = appended(
    c.m.proc.extra,
    { pid: w1, cmd: 'nginx: worker process', user: '101' },
    { pid: w2, cmd: 'nginx: worker process', user: '101' },
  );
  listen(c, 'nginx', nginxPort(c), { version: ver });
  usage(c, 7 * MiB + 512 * 1024);
  return { status: 0, forever: true };
};

export const httpd: CmdFn = (c) => {
  const ip = c.m.io.resolve(c.m.proc.cid, c.m.io.hostname(c.m.proc.cid))?.addresses[0] ?? '127.0.0.1';
  const msg = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message`;
  const t = dateText(c.m, '%a %b %d %H:%M:%S.000000 %Y');
  c.out(
    `${msg}\n${msg}\n[${t}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/${release(c, 'HTTPD_VERSION', '2.4.62')} (Unix) configured -- resuming normal operations\n` +
      `[${t}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'\n`,
  );
  listen(c, 'httpd', 80);
  usage(c, 6 * MiB);
  return { status: 0, forever: true };
};

export const apache2: CmdFn = (c) => {
  const ip = c.m.io.resolve(c.m.proc.cid, c.m.io.hostname(c.m.proc.cid))?.addresses[0] ?? '127.0.0.1';
  const msg = `AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message`;
  const t = dateText(c.m, '%a %b %d %H:%M:%S.000000 %Y');
  c.out(
    `${msg}\n${msg}\n[${t}] [mpm_prefork:notice] [pid 1] AH00163: Apache/2.4.10 (Debian) PHP/5.6.14 configured -- resuming normal operations\n` +
      `[${t}] [core:notice] [pid 1] AH00094: Command line: 'apache2 -D FOREGROUND'\n`,
  );
  listen(c, 'php-apache', 80);
  usage(c, 10 * MiB);
  return { status: 0, forever: true };
};
