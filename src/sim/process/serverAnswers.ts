/** How a modelled server answers an HTTP request (and logs it), and what it writes when it stops on SIGTERM. */
import { dateText, wallMs } from './dateCommand';
import type { Machine } from './machineTypes';
import { logText, resolvePath } from './machineOutput';
import type { Proc, ServerState } from './types';
import { nginxTime } from './programKit';
import { HTTPD_INDEX_HTML, NGINX_INDEX_HTML, nginxPage } from './webServers';
import { pgTime, redisTime } from './dataStores';

export interface HttpAnswer {
  status: number;
  body: string;
  cpuMillis?: number;
}

function accessTime(m: Machine): string {
  return dateText(m, '%d/%b/%Y:%H:%M:%S +0000');
}

function serveFile(m: Machine, root: string, path: string): { status: number; body: string } | undefined {
  const cid = m.proc.cid;
  const clean = path.replace(/[?#].*$/, '');
  let p = resolvePath(root, '.' + clean);
  if (!p.startsWith(root)) p = root;
  if (m.io.isDir(cid, p)) p = `${p.replace(/\/$/, '')}/index.html`;
  const body = m.io.readFile(cid, p);
  if (body !== undefined) return { status: 200, body };
  if (clean === '/' || clean === '/index.html') {
    // the runtime keeps no file listing for the image layer: the image's own index page
    if (!m.io.isDir(cid, root) || m.io.listDir(cid, root) === undefined) return undefined;
    return { status: 403, body: '' };
  }
  return { status: 404, body: '' };
}

/** Answers an HTTP request to a modelled server and writes its access log line. */
export function answerHttp(
  m: Machine,
  server: ServerState,
  path: string,
  fromIp: string,
): HttpAnswer | undefined {
  const host = m.io.hostname(m.proc.cid);
  server.hits++;
  switch (server.kind) {
    case 'nginx': {
      const ver = server.opts?.version ?? '1.27.3';
      let r = serveFile(m, '/usr/share/nginx/html', path) ?? { status: 200, body: NGINX_INDEX_HTML };
      if (r.status === 403) r = { status: 403, body: nginxPage(403, 'Forbidden', ver) };
      if (r.status === 404) {
        r = { status: 404, body: nginxPage(404, 'Not Found', ver) };
        const t = nginxTime(m);
        logText(
          m,
          `${t} [error] 29#29: *${server.hits} open() "/usr/share/nginx/html${path}" failed (2: No such file or directory), client: ${fromIp}, server: localhost, request: "GET ${path} HTTP/1.1", host: "${host}"\n`,
        );
      }
      logText(
        m,
        `${fromIp} - - [${accessTime(m)}] "GET ${path} HTTP/1.1" ${r.status} ${r.body.length} "-" "Wget" "-"\n`,
      );
      return { status: r.status, body: r.body, cpuMillis: 1 };
    }
    case 'httpd': {
      let r = serveFile(m, '/usr/local/apache2/htdocs', path) ?? { status: 200, body: HTTPD_INDEX_HTML };
      if (r.status >= 400)
        r = {
          status: 404,
          body: '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n',
        };
      logText(m, `${fromIp} - - [${accessTime(m)}] "GET ${path} HTTP/1.1" ${r.status} ${r.body.length}\n`);
      return { status: r.status, body: r.body, cpuMillis: 1 };
    }
    case 'php-apache': {
      // index.php burns CPU: a million sqrt() calls per request
      logText(m, `${fromIp} - - [${accessTime(m)}] "GET ${path} HTTP/1.1" 200 203 "-" "Wget"\n`);
      return { status: 200, body: 'OK!', cpuMillis: 40 };
    }
    case 'echoserver': {
      const body =
        `\n\nHostname: ${host}\n\nPod Information:\n\t-no pod information available-\n\nServer values:\n\tserver_version=nginx: 1.10.0 - lua: 10001\n\n` +
        `Request Information:\n\tclient_address=${fromIp}\n\tmethod=GET\n\treal path=${path.replace(/\?.*$/, '')}\n\tquery=${/\?(.*)$/.exec(path)?.[1] ?? ''}\n` +
        `\trequest_version=1.1\n\trequest_uri=http://${host}:8080${path}\n\nRequest Headers:\n\taccept=*/*\n\thost=${host}:8080\n\tuser-agent=Wget\n\n` +
        `Request Body:\n\t-no body in request-\n\n`;
      logText(m, `${fromIp} - - [${accessTime(m)}] "GET ${path} HTTP/1.1" 200 ${body.length} "-" "Wget"\n`);
      return { status: 200, body, cpuMillis: 1 };
    }
    case 'http-echo': {
      const body = (server.opts?.text ?? '') + '\n';
      logText(
        m,
        `${nginxTime(m)} ${host}:${server.port} ${fromIp}:${40000 + (server.hits % 20000)} "GET ${path} HTTP/1.1" 200 ${body.length} "Wget" 21.4µs\n`,
      );
      return { status: 200, body, cpuMillis: 1 };
    }
    case 'hello-app': {
      logText(m, `${nginxTime(m)} Serving request: ${path}\n`);
      return {
        status: 200,
        body: `Hello, world!\nVersion: ${server.opts?.version ?? '1.0.0'}\nHostname: ${host}\n`,
        cpuMillis: 1,
      };
    }
    case 'coredns':
      if (server.port === 8080 && path.startsWith('/health')) return { status: 200, body: 'OK' };
      if (server.port === 8181 && path.startsWith('/ready')) return { status: 200, body: 'OK' };
      if (server.port === 9153)
        return { status: 200, body: "# HELP coredns_build_info A metric with a constant '1' value.\n" };
      return server.port === 53 ? undefined : { status: 404, body: '404 page not found\n' };
    case 'metrics-server':
      if (/^\/(livez|readyz|healthz)/.test(path)) return { status: 200, body: 'ok' };
      return { status: 404, body: '404 page not found\n' };
    case 'http.server': {
      const r = serveFile(m, server.opts?.root ?? '/', path);
      logText(
        m,
        `${fromIp} - - [${dateText(m, '%d/%b/%Y %H:%M:%S')}] "GET ${path} HTTP/1.1" ${r?.status ?? 200} -\n`,
      );
      return r && r.status === 200 ? { status: 200, body: r.body } : { status: 404, body: 'File not found' };
    }
    case 'registry':
      return registryAnswer(m, path, fromIp);
    case 'app':
      return { status: 200, body: `Hello from ${server.opts?.name ?? 'app'} on ${host}\n`, cpuMillis: 2 };
  }
  // redis, postgres, mysql, fluentd, nc: not HTTP — the connection is closed without an HTTP answer
  return undefined;
}

/** Log lines a modelled server writes on SIGTERM before exiting 0, and how long its shutdown takes (ms). */
export function gracefulStop(m: Machine, proc: Proc): { lines: string; ms: number } | undefined {
  const kinds = new Set(proc.servers.map((s) => s.kind));
  if (kinds.has('nginx')) {
    const t = nginxTime(m);
    const workers = proc.extra.filter((e) => e.cmd === 'nginx: worker process');
    let l = `${t} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down\n`;
    for (const w of workers)
      l += `${t} [notice] ${w.pid}#${w.pid}: gracefully shutting down\n${t} [notice] ${w.pid}#${w.pid}: exiting\n${t} [notice] ${w.pid}#${w.pid}: exit\n`;
    for (const w of workers)
      l += `${t} [notice] 1#1: signal 17 (SIGCHLD) received from ${w.pid}\n${t} [notice] 1#1: worker process ${w.pid} exited with code 0\n`;
    l += `${t} [notice] 1#1: exit\n`;
    return { lines: l, ms: 100 };
  }
  if (kinds.has('redis')) {
    const t = redisTime(m);
    return {
      lines:
        `1:signal-handler (${Math.floor(wallMs(m) / 1000)}) Received SIGTERM scheduling shutdown...\n` +
        `1:M ${t} * User requested shutdown...\n1:M ${t} * Saving the final RDB snapshot before exiting.\n` +
        `1:M ${t} * DB saved on disk\n1:M ${t} # Redis is now ready to exit, bye bye...\n`,
      ms: 50,
    };
  }
  if (kinds.has('postgres')) {
    const t = pgTime(m);
    return {
      lines: `${t} [1] LOG:  received fast shutdown request\n${t} [1] LOG:  aborting any active transactions\n${t} [1] LOG:  database system is shut down\n`,
      ms: 200,
    };
  }
  if (kinds.has('httpd')) {
    // The httpd image's STOPSIGNAL is SIGWINCH: Apache's graceful stop (event MPM, AH00492).
    const t = dateText(m, '%a %b %d %H:%M:%S.000000 %Y');
    return {
      lines: `[${t}] [mpm_event:notice] [pid 1:tid 1] AH00492: caught SIGWINCH, shutting down gracefully\n`,
      ms: 50,
    };
  }
  if (kinds.has('php-apache')) {
    const t = dateText(m, '%a %b %d %H:%M:%S.000000 %Y');
    return {
      lines: `[${t}] [mpm_event:notice] [pid 1:tid 1] AH00491: caught SIGTERM, shutting down\n`,
      ms: 50,
    };
  }
  // (busybox nc installs no handler: as PID 1 it ignores SIGTERM like any program without one)
  kinds.delete('nc');
  if (kinds.size) return { lines: '', ms: 20 };
  // pause exits on SIGTERM too
  if (proc.repo === 'pause') return { lines: '', ms: 0 };
  return undefined;
}

/** Where the registry keeps repositories (storage.filesystem.rootdirectory of its config.yml). */
export const REGISTRY_REPOSITORIES = '/var/lib/registry/docker/registry/v2/repositories';

/** The repositories under the registry's storage: folders that hold `_manifests`, named by their path. */
function registryRepos(m: Machine, dir = REGISTRY_REPOSITORIES, prefix = ''): string[] {
  const out: string[] = [];
  for (const name of m.io.listDir(m.proc.cid, dir) ?? []) {
    if (name.startsWith('_') || !m.io.isDir(m.proc.cid, `${dir}/${name}`)) continue;
    const repo = prefix + name;
    if (m.io.isDir(m.proc.cid, `${dir}/${name}/_manifests`)) out.push(repo);
    out.push(...registryRepos(m, `${dir}/${name}`, `${repo}/`));
  }
  return out.sort();
}

/** The Distribution API's answers (`/v2/`, `/v2/_catalog`, `/v2/<name>/tags/list`) and its access log line. */
function registryAnswer(m: Machine, path: string, fromIp: string): HttpAnswer {
  const clean = path.replace(/[?#].*$/, '');
  let r: HttpAnswer;
  const tags = /^\/v2\/(.+)\/tags\/list$/.exec(clean);
  if (clean === '/v2/' || clean === '/v2') r = { status: 200, body: '{}' };
  else if (clean === '/v2/_catalog')
    r = { status: 200, body: JSON.stringify({ repositories: registryRepos(m) }) + '\n' };
  else if (tags) {
    const name = tags[1]!;
    const list = m.io.listDir(m.proc.cid, `${REGISTRY_REPOSITORIES}/${name}/_manifests/tags`);
    r = list
      ? { status: 200, body: JSON.stringify({ name, tags: [...list].sort() }) + '\n' }
      : {
          status: 404,
          body:
            JSON.stringify({
              errors: [
                { code: 'NAME_UNKNOWN', message: 'repository name not known to registry', detail: { name } },
              ],
            }) + '\n',
        };
  } else r = { status: 404, body: '404 page not found\n' };
  logText(
    m,
    `${fromIp} - - [${accessTime(m)}] "GET ${path} HTTP/1.1" ${r.status} ${r.body.length} "" "curl/8.5.0"\n`,
  );
  return { ...r, cpuMillis: 1 };
}
