/**
 * Docker off the lesson path (issue 14), written from Docker 27's real behaviour: published ports on the laptop's
 * localhost, `docker ps` / `docker images` filters and `--format` (field names, headers and JSON keys of the
 * CLI's formatter package, error texts of moby's daemon/list.go and filters package), images newest first,
 * and `docker build --no-cache` giving a new image ID.
 */
import { describe, expect, it } from 'vitest';
import { createSession } from '../session';
import { memoryFs } from '../memoryFs';

function shell(files: Record<string, string> = {}) {
  const s = createSession({ mode: 'script', seed: 4, fs: memoryFs(files) });
  return (line: string) => {
    const r = s.exec(line);
    return { out: r.output, code: r.exitCode };
  };
}

describe('published ports from the laptop', () => {
  it('curl localhost:8080 reaches nginx published with -p 8080:80, and a second bind fails', () => {
    const sh = shell();
    expect(sh('curl localhost:8080').code).toBe(7);
    expect(sh('docker run -d -p 8080:80 --name web nginx').code).toBe(0);
    const r = sh('curl localhost:8080');
    expect(r.code).toBe(0);
    expect(r.out).toContain('<title>Welcome to nginx!</title>');
    const again = sh('docker run -d -p 8080:80 nginx');
    expect(again.code).toBe(125);
    expect(again.out).toMatch(/Bind for 0\.0\.0\.0:8080 failed: port is already allocated/);
    sh('docker stop web');
    expect(sh('curl localhost:8080').code).toBe(7);
  });

  it('127.0.0.1 bindings and -P (ephemeral ports from 32768) are reachable too', () => {
    const sh = shell();
    sh('docker run -d -p 127.0.0.1:8081:80 --name lo nginx');
    expect(sh('curl -s localhost:8081').out).toContain('Welcome to nginx!');
    sh('docker run -d -P --name all nginx');
    expect(sh('docker port all').out).toBe('80/tcp -> 0.0.0.0:32768\n80/tcp -> [::]:32768\n');
    expect(sh('curl -s http://127.0.0.1:32768/').out).toContain('Welcome to nginx!');
  });

  it('a published port with nothing listening behind it resets the connection', () => {
    const sh = shell();
    sh('docker run -d -p 8082:81 nginx');
    const r = sh('curl localhost:8082');
    expect(r.code).toBe(56);
    expect(r.out).toContain('curl: (56) Recv failure: Connection reset by peer');
  });
});

describe('docker ps filters and --format', () => {
  function three() {
    const sh = shell();
    sh('docker run -d -p 8080:80 --name web -l tier=front nginx');
    sh('docker run --name once busybox sh -c "exit 3"');
    sh('docker run -d --name sleeper busybox sleep 1000');
    return sh;
  }

  it('filters by status (which implies -a), name (regexp), label, ancestor, exited, publish', () => {
    const sh = three();
    expect(sh('docker ps -f status=exited --format "{{.Names}}"').out).toBe('once\n');
    expect(sh('docker ps --filter name=^s --format "{{.Names}}"').out).toBe('sleeper\n');
    expect(sh('docker ps -f label=tier=front --format "{{.Names}}"').out).toBe('web\n');
    expect(sh('docker ps -f label=tier=back --format "{{.Names}}"').out).toBe('');
    expect(sh('docker ps -a -f ancestor=busybox --format "{{.Names}}"').out).toBe('sleeper\nonce\n');
    // exited= does not imply -a: without it the stopped container is not listed.
    expect(sh('docker ps -f exited=3 --format "{{.Names}}"').out).toBe('');
    expect(sh('docker ps -a -f exited=3 --format "{{.Names}}"').out).toBe('once\n');
    expect(sh('docker ps -f publish=8080 -q').out).toMatch(/^[0-9a-f]{12}\n$/);
    // one key's values are ORed, different keys ANDed
    expect(sh('docker ps -f name=web -f name=sleeper --format "{{.Names}}"').out).toBe('sleeper\nweb\n');
    expect(sh('docker ps -f name=web -f ancestor=busybox --format "{{.Names}}"').out).toBe('');
  });

  it('prints the daemon and CLI errors for bad filters', () => {
    const sh = three();
    expect(sh('docker ps -f color=red')).toEqual({
      out: "Error response from daemon: invalid filter 'color'\n",
      code: 1,
    });
    expect(sh('docker ps -f status=sleeping').out).toBe(
      "Error response from daemon: invalid filter 'status=sleeping'\n",
    );
    const bad = sh('docker ps -f running');
    expect(bad.code).toBe(125);
    expect(bad.out).toBe(
      'invalid argument "running" for "-f, --filter" flag: bad format of filter (expected name=value)\n' +
        "See 'docker ps --help'.\n",
    );
  });

  it('formats rows with Go templates, table headers and json', () => {
    const sh = three();
    expect(sh('docker ps --format "{{.Names}}: {{.Image}} {{.Ports}}" -f name=web').out).toBe(
      // Docker 27: a port published without an address shows both families
      'web: nginx 0.0.0.0:8080->80/tcp, [::]:8080->80/tcp\n',
    );
    const t = sh('docker ps -a --format "table {{.Names}}\\t{{.State}}"').out;
    expect(t.split('\n')[0]).toBe('NAMES     STATE');
    expect(t).toContain('\nonce      exited\n');
    const j = JSON.parse(sh('docker ps -f name=web --format "{{json .}}"').out) as Record<string, string>;
    // Docker 27's ContainerContext fields, marshalled as a map (sorted keys).
    expect(Object.keys(j)).toEqual([
      'Command',
      'CreatedAt',
      'ID',
      'Image',
      'Labels',
      'LocalVolumes',
      'Mounts',
      'Names',
      'Networks',
      'Ports',
      'RunningFor',
      'Size',
      'State',
      'Status',
    ]);
    expect(j.Labels).toContain('tier=front');
    expect(j.Networks).toBe('bridge');
    expect(j.CreatedAt).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0000 UTC$/);
    expect(sh('docker ps --format json -f name=web').out).toBe(
      sh('docker ps --format "{{json .}}" -f name=web').out,
    );
    expect(sh('docker ps --format "{{.Names | upper}}" -f name=web').out).toBe('WEB\n');
    expect(sh('docker ps -n 1 --format "{{.Names}}"').out).toBe('sleeper\n');
    const nope = sh('docker ps --format "{{.Nope}}"');
    expect(nope.code).toBe(1);
    expect(nope.out).toBe(
      'template parsing error: template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *formatter.ContainerContext\n',
    );
  });

  it('keeps the default table when no format is given, -s adding SIZE', () => {
    const sh = three();
    expect(sh('docker ps').out.split('\n')[0]).toMatch(
      /^CONTAINER ID {3}IMAGE {5}COMMAND +CREATED +STATUS +PORTS +NAMES$/,
    );
    expect(sh('docker ps -s').out.split('\n')[0]).toMatch(/NAMES +SIZE$/);
  });
});

const APP = {
  'app/Dockerfile': 'FROM alpine\nCOPY hello.txt /hello.txt\nRUN echo hi > /b.txt\n',
  'app/hello.txt': 'hello\n',
};

function imageId(out: string): string {
  return /writing image (sha256:[0-9a-f]{64})/.exec(out)![1]!;
}

describe('docker inspect --format', () => {
  it("runs Go templates through the shared engine, with text/template's syntax errors", () => {
    const sh = shell();
    sh('docker run -d --name web nginx');
    expect(sh('docker inspect -f "{{.State.Status}} {{json .Config.Cmd}}" web').out).toBe(
      'running ["nginx","-g","daemon off;"]\n',
    );
    expect(
      sh('docker inspect -f "{{if .State.Running}}up{{else}}down{{end}} {{.Name | upper}}" web').out,
    ).toBe('up /WEB\n');
    expect(sh('docker inspect -f "{{.State.Status" web')).toEqual({
      out: 'template parsing error: template: :1: unclosed action\n',
      code: 1,
    });
  });
});

describe('docker build --no-cache and docker images', () => {
  it('a cached rebuild keeps the ID; --no-cache gives a new one (RUN re-executed), COPY keeps its layer', () => {
    const sh = shell(APP);
    const first = imageId(sh('docker build -t app ./app').out);
    expect(imageId(sh('docker build -t app ./app').out)).toBe(first);
    const layers0 = sh('docker inspect --format "{{json .RootFS.Layers}}" app').out;
    const fresh = imageId(sh('docker build --no-cache -t app ./app').out);
    expect(fresh).not.toBe(first);
    const layers1 = sh('docker inspect --format "{{json .RootFS.Layers}}" app').out;
    const l0 = JSON.parse(layers0) as string[];
    const l1 = JSON.parse(layers1) as string[];
    expect(l1.length).toBe(l0.length);
    expect(l1.slice(0, -1)).toEqual(l0.slice(0, -1)); // base + COPY: same content, same digest
    expect(l1[l1.length - 1]).not.toBe(l0[l0.length - 1]); // the RUN layer is new
    // a later cached build gives the newer image
    expect(imageId(sh('docker build -t app ./app').out)).toBe(fresh);
    // the old image lost its tag: dangling
    expect(sh('docker images -f dangling=true --format "{{.ID}}"').out).toBe(first.slice(7, 19) + '\n');
  });

  it('lists images newest first, with --format, reference globs and filter errors', () => {
    const sh = shell(APP);
    sh('docker pull busybox');
    sh('docker build -t app ./app');
    const rows = sh('docker images --format "{{.Repository}}:{{.Tag}}"').out;
    // app (built now) before busybox (2024-09-26) before alpine (2024-09-06): by creation, not pull order
    expect(rows).toBe('app:latest\nbusybox:latest\nalpine:latest\n');
    expect(sh('docker images -f reference=a* --format "{{.Repository}}"').out).toBe('app\nalpine\n');
    expect(sh('docker images alpine --format "table {{.Repository}}\\t{{.Tag}}"').out).toBe(
      'REPOSITORY   TAG\nalpine       latest\n',
    );
    const j = JSON.parse(sh('docker images busybox --format json').out) as Record<string, string>;
    expect(Object.keys(j)).toEqual([
      'Containers',
      'CreatedAt',
      'CreatedSince',
      'Digest',
      'ID',
      'Repository',
      'SharedSize',
      'Size',
      'Tag',
      'UniqueSize',
      'VirtualSize',
    ]);
    expect(sh('docker images -f dangling=maybe').out).toBe(
      "Error response from daemon: invalid filter 'dangling=[maybe]'\n",
    );
    expect(sh('docker images -f size=1').out).toBe("Error response from daemon: invalid filter 'size'\n");
  });
});

describe('labels in --format (docker/cli formatter: ContainerContext.Label / Labels, SubHeaderContext.Label)', () => {
  it('.Label "k" gives one value (empty when missing), .Labels the k=v list, the header the last key part', () => {
    const sh = shell();
    sh('docker run -d --name web -l com.example.build-id=42 -l tier=front busybox sleep 1000');
    expect(sh('docker ps --format "{{.Label \\"tier\\"}}|{{.Label \\"nope\\"}}|{{.Labels}}"').out).toBe(
      'front||com.example.build-id=42,tier=front\n',
    );
    expect(sh('docker ps --format "table {{.Names}}\\t{{.Label \\"com.example.build-id\\"}}"').out).toBe(
      'NAMES     build id\nweb       42\n',
    );
    // .Labels is a string field: json quotes it
    expect(sh('docker ps --format "{{json .Labels}}"').out).toBe('"com.example.build-id=42,tier=front"\n');
    // Label is a method with one argument; the JSON of a row holds only the fields
    expect(sh('docker ps --format "{{.Label}}"')).toEqual({
      out: 'template parsing error: template: :1:2: executing "" at <.Label>: wrong number of args for Label: want 1 got 0\n',
      code: 1,
    });
    expect(sh('docker ps --format "{{json .}}"').out).not.toContain('"Label"');
  });

  it('images have no label fields; inspect reads Config.Labels as a map (sorted keys) and falls back to raw JSON', () => {
    const sh = shell();
    sh('docker run -d --name web -l zeta=1 -l alpha=2 nginx');
    expect(sh('docker images --format "{{.Labels}}"').out).toBe(
      'template parsing error: template: :1:2: executing "" at <.Labels>: can\'t evaluate field Labels in type *formatter.imageContext\n',
    );
    expect(
      sh('docker inspect -f "{{index .Config.Labels \\"zeta\\"}} {{json .Config.Labels}}" web').out,
    ).toBe('1 {"alpha":"2","maintainer":"NGINX Docker Maintainers <docker-maint@nginx.com>","zeta":"1"}\n');
    expect(sh('docker inspect -f "{{.Config.Labels}}" web').out).toBe(
      'map[alpha:2 maintainer:NGINX Docker Maintainers <docker-maint@nginx.com> zeta:1]\n',
    );
    expect(sh('docker inspect -f "{{.Label \\"zeta\\"}}" web')).toEqual({
      out: 'template parsing error: template: :1:2: executing "" at <.Label>: Label is not a method but has arguments\n',
      code: 1,
    });
    expect(sh('docker inspect -f "{{.Nope}}" web')).toEqual({
      out: 'template parsing error: template: :1:2: executing "" at <.Nope>: map has no entry for key "Nope"\n',
      code: 1,
    });
    // a field given to a function is no command: it takes no arguments; a closing trim marker is none either
    expect(sh('docker inspect -f "{{index .Config \\"Labels\\"}}" web').out).toMatch(/^map\[alpha:2 /);
    expect(sh('docker inspect -f "{{.Name -}} x" web').out).toBe('/webx\n');
    // a field of the typed struct our document leaves out still runs on the typed value
    expect(sh('docker inspect -f "{{.Name}}" web').out).toBe('/web\n');
  });
});

describe('published addresses', () => {
  it('only an address-less -p binds both families; an explicit IPv4 address (even 0.0.0.0) binds IPv4 only', () => {
    const sh = shell();
    sh('docker run -d --name any -p 8080:80 nginx');
    sh('docker run -d --name v4 -p 0.0.0.0:8081:80 nginx');
    sh('docker run -d --name lo -p 127.0.0.1:8082:80 nginx');
    expect(sh('docker ps --format "{{.Names}} {{.Ports}}"').out).toBe(
      'lo 127.0.0.1:8082->80/tcp\nv4 0.0.0.0:8081->80/tcp\nany 0.0.0.0:8080->80/tcp, [::]:8080->80/tcp\n',
    );
    expect(sh('docker port v4').out).toBe('80/tcp -> 0.0.0.0:8081\n');
    expect(sh('docker port any').out).toBe('80/tcp -> 0.0.0.0:8080\n80/tcp -> [::]:8080\n');
    expect(sh('docker inspect -f "{{json .NetworkSettings.Ports}}" any').out).toBe(
      '{"80/tcp":[{"HostIp":"0.0.0.0","HostPort":"8080"},{"HostIp":"::","HostPort":"8080"}]}\n',
    );
    expect(sh('docker inspect -f "{{json .HostConfig.PortBindings}}" v4').out).toBe(
      '{"80/tcp":[{"HostIp":"0.0.0.0","HostPort":"8081"}]}\n',
    );
    expect(sh('curl -s localhost:8081').out).toContain('Welcome to nginx!');
  });
});
