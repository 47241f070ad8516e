/**
 * `docker commit` and `docker history` as Docker 27 does them (moby daemon/commit.go CreateImageFromContainer,
 * image.NewChildImage, builder BuildFromConfig's validCommitCommands; docker/cli container/commit.go and
 * image/formatter_history.go): the container's upper layer becomes one more layer, the history entry's CREATED BY
 * is the container's Cmd, its COMMENT the -m message.
 */
import { describe, expect, it } from 'vitest';
import { createSession } from '../session';
import { memoryFs } from '../memoryFs';

function shell() {
  const s = createSession({ mode: 'script', seed: 4, fs: memoryFs({}) });
  return (line: string) => {
    const r = s.exec(line);
    return { out: r.output, code: r.exitCode };
  };
}

describe('docker commit', () => {
  it('makes an image of the container: its files, the changes, the author and message, listed newest first', () => {
    const sh = shell();
    sh('docker run --name box busybox sh -c "echo hello > /greeting"');
    const r = sh(
      'docker commit -a "Ann <ann@example.com>" -m "add greeting" -c \'CMD ["cat", "/greeting"]\' -c "ENV MODE=prod" box greet:v1',
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    const id = r.out.trim();
    expect(sh('docker images --format "{{.Repository}}:{{.Tag}} {{.ID}}"').out).toBe(
      `greet:v1 ${id.slice(7, 19)}\nbusybox:latest ${sh('docker images -q busybox').out.trim()}\n`,
    );
    expect(sh('docker run --rm greet:v1').out).toBe('hello\n');
    expect(sh('docker run --rm greet:v1 printenv MODE').out).toBe('prod\n');
    expect(sh('docker inspect -f "{{.Author}}|{{json .Config.Cmd}}" greet:v1').out).toBe(
      'Ann <ann@example.com>|["cat","/greeting"]\n',
    );
    // one more layer than busybox, holding the container's change
    const layers = (ref: string) =>
      (JSON.parse(sh(`docker inspect -f "{{json .RootFS.Layers}}" ${ref}`).out) as string[]).length;
    expect(layers('greet:v1')).toBe(layers('busybox') + 1);
    const hist = sh('docker history greet:v1').out.split('\n');
    expect(hist[0]).toMatch(/^IMAGE +CREATED +CREATED BY +SIZE +COMMENT$/);
    expect(hist[1]).toMatch(
      new RegExp(
        `^${id.slice(7, 19)} +Less than a second ago +sh -c echo hello > /greeting +6B +add greeting$`,
      ),
    );
    expect(hist[2]).toMatch(/^<missing> +/);
  });

  it('without a name the image is <none>; a container with no changes adds an empty history entry', () => {
    const sh = shell();
    sh('docker run -d --name web -p 8080:80 nginx');
    expect(sh('docker commit web').code).toBe(0);
    expect(sh('docker images --format "{{.Repository}}:{{.Tag}}"').out).toBe('<none>:<none>\nnginx:latest\n');
    sh('docker commit web mynginx');
    const layers = (ref: string) => sh(`docker inspect -f "{{json .RootFS.Layers}}" ${ref}`).out;
    expect(layers('mynginx')).toBe(layers('nginx'));
    expect(sh('docker history --format "{{.CreatedBy}}|{{.Size}}" mynginx').out.split('\n')[0]).toBe(
      'nginx -g daemon off;|0B',
    );
    // the container's published port is part of its config, so the image exposes it
    expect(
      sh('docker inspect -f "{{json .Config.Entrypoint}} {{json .Config.ExposedPorts}}" mynginx').out,
    ).toBe('["/docker-entrypoint.sh"] {"80/tcp":{}}\n');
  });

  it('prints the real errors', () => {
    const sh = shell();
    sh('docker run --name box busybox true');
    expect(sh('docker commit -c "RUN echo x" box')).toEqual({
      out: 'Error response from daemon: run is not a valid change command\n',
      code: 1,
    });
    expect(sh('docker commit nope')).toEqual({
      out: 'Error response from daemon: No such container: nope\n',
      code: 1,
    });
    expect(sh('docker commit').out).toBe(
      'docker: "docker commit" requires at least 1 and at most 2 arguments.\nSee \'docker commit --help\'.\n',
    );
    expect(sh('docker commit box Bad:Name').out).toBe(
      'invalid reference format: repository name (library/Bad) must be lowercase\n',
    );
    // flags are not interspersed: after CONTAINER, -m is an argument
    expect(sh('docker container commit box img:1 -m x').code).toBe(1);
  });
});

describe('docker history flags', () => {
  it('-q lists the IDs (<missing> below the top), --human=false raw sizes and RFC 3339 dates, --format', () => {
    const sh = shell();
    sh('docker pull busybox');
    const id = sh('docker images -q busybox').out.trim();
    expect(sh('docker history -q busybox').out).toBe(`${id}\n<missing>\n`);
    const raw = sh('docker history --human=false busybox').out.split('\n');
    expect(raw[0]).toMatch(/^IMAGE +CREATED AT +CREATED BY +SIZE +COMMENT$/);
    expect(raw[2]).toMatch(/^<missing> +\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ +.+ +\d+$/);
    expect(sh('docker history --format "{{.ID}}: {{.CreatedBy}}" busybox').out.split('\n')[0]).toBe(
      `${id}: CMD ["sh"]`,
    );
    expect(sh('docker history --format "{{.Nope}}" busybox').out).toBe(
      'template parsing error: template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *image.historyContext\n',
    );
  });
});
