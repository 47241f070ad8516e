/**
 * `docker build` with BuildKit's behaviour: one layer per filesystem-changing instruction (RUN, COPY, ADD, a
 * WORKDIR that creates its folder); config-only instructions change the image config; the cache is Docker's: a
 * step is CACHED when its parent and its instruction match (COPY/ADD also by the checksum of the files it copies,
 * RUN by its command text only), and once one step misses every later step runs again. Multi-stage builds
 * (`FROM … AS name`, `COPY --from=name`) and `.dockerignore` are supported. Output is BuildKit's plain progress.
 */
import { DEFAULT_PATH, imageIdFor } from '../runtime/catalog';
import { digestOf, hex64 } from '../runtime/digest';
import { parseImageRef } from '../runtime/imageRef';
import * as ufs from '../runtime/unionFs';
import type { ImageConfig, ImageRecord, LayerData } from '../runtime/types';
import type { DockerDaemon } from './daemon';
import type { BuildCacheEntry } from './dockerTypes';
import {
  dockerignoreMatcher,
  parseDockerfile,
  parseKeyValues,
  splitWords,
  type Instruction,
} from './dockerfile';

export interface BuildStep {
  /** BuildKit vertex number (`#5`). */
  vertex: number;
  /** `[2/4] RUN npm install` */
  name: string;
  instruction: string;
  cached: boolean;
  durationMs: number;
  /** Layer made by the step (undefined for config-only steps). */
  layer?: string;
  layerSize?: number;
  error?: string;
}

export interface BuildReport {
  ok: boolean;
  tags: string[];
  imageId?: string;
  steps: BuildStep[];
  error?: string;
  finishedAt: number;
}

export interface BuildRequest {
  /** Dockerfile text. */
  dockerfile: string;
  dockerfileName: string;
  /** Build context: relative path → content (the client sends it to the daemon). */
  context: Record<string, string>;
  tags: string[];
  buildArgs: Record<string, string>;
  noCache?: boolean;
  target?: string;
}

interface StageState {
  name?: string;
  index: number;
  layers: string[];
  config: ImageConfig;
  history: ImageRecord['history'];
  args: Record<string, string>;
  key: string;
  /** Set once a step missed the cache: every later step runs. */
  missed: boolean;
  arch: ImageRecord['architecture'];
  /** The base image's name (the process model picks behaviour by image family). */
  baseName: string;
}

const PACKAGE_TOOLS: Record<
  string,
  {
    size: number;
    out: (args: string[]) => string[];
    files: (args: string[], cwd: string) => Record<string, string>;
  }
> = {
  'apt-get': {
    size: 6_500_000,
    out: (a) =>
      a[0] === 'update'
        ? [
            'Get:1 http://deb.debian.org/debian bookworm InRelease [151 kB]',
            'Fetched 9,072 kB in 1s (8,240 kB/s)',
            'Reading package lists...',
          ]
        : a[0] === 'install'
          ? [
              'Reading package lists...',
              'Building dependency tree...',
              `The following NEW packages will be installed:`,
              `  ${pkgs(a).join(' ')}`,
              `Setting up ${pkgs(a)[0] ?? 'packages'} ...`,
            ]
          : [],
    files: (a) => Object.fromEntries(pkgs(a).map((p) => [`/usr/bin/${p}`, '\u007fELF (binary)'])),
  },
  apk: {
    size: 2_400_000,
    out: (a) =>
      a[0] === 'add'
        ? [
            `fetch https://dl-cdn.alpinelinux.org/alpine/v3.20/main/x86_64/APKINDEX.tar.gz`,
            `(1/${pkgs(a).length || 1}) Installing ${pkgs(a)[0] ?? 'package'}`,
            'OK: 12 MiB in 20 packages',
          ]
        : [],
    files: (a) => Object.fromEntries(pkgs(a).map((p) => [`/usr/bin/${p}`, '\u007fELF (binary)'])),
  },
  npm: {
    size: 18_000_000,
    out: (a) =>
      ['install', 'i', 'ci'].includes(a[0] ?? '')
        ? ['', 'added 57 packages, and audited 58 packages in 2s', '', 'found 0 vulnerabilities']
        : [],
    files: (_a, cwd) => ({
      [`${cwd === '/' ? '' : cwd}/node_modules/.package-lock.json`]: '{"lockfileVersion": 3}\n',
    }),
  },
  yarn: {
    size: 18_000_000,
    out: () => ['yarn install v1.22.22', 'success Saved lockfile.', 'Done in 2.31s.'],
    files: (_a, cwd) => ({ [`${cwd === '/' ? '' : cwd}/node_modules/.yarn-integrity`]: '{}\n' }),
  },
  pip: {
    size: 12_000_000,
    out: () => ['Collecting packages', 'Installing collected packages', 'Successfully installed packages'],
    files: () => ({ '/usr/local/lib/python3.12/site-packages/installed.txt': 'installed by pip\n' }),
  },
};
PACKAGE_TOOLS.apt = PACKAGE_TOOLS['apt-get']!;
PACKAGE_TOOLS.pip3 = PACKAGE_TOOLS.pip!;

function pkgs(args: string[]): string[] {
  return args.slice(1).filter((a) => !a.startsWith('-') && !a.includes('='));
}

/** Splits a RUN command on top-level `&&` (outside quotes). */
function splitAnd(cmd: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q: string | null = null;
  for (let i = 0; i < cmd.length; i++) {
    const ch = cmd[i]!;
    if (q) {
      if (ch === q) q = null;
      cur += ch;
    } else if (ch === '"' || ch === "'") {
      q = ch;
      cur += ch;
    } else if (ch === '&' && cmd[i + 1] === '&') {
      out.push(cur.trim());
      cur = '';
      i++;
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

function expand(text: string, vars: Record<string, string>): string {
  return text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (_m, a: string, def: string, b: string) => {
      const k = a ?? b;
      return vars[k] ?? def ?? '';
    },
  );
}

function envMap(config: ImageConfig): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of config.Env) {
    const i = e.indexOf('=');
    out[e.slice(0, i)] = e.slice(i + 1);
  }
  return out;
}

function setEnv(config: ImageConfig, k: string, v: string): void {
  config.Env = [...config.Env.filter((e) => !e.startsWith(k + '=')), `${k}=${v}`];
}

function fmtSec(ms: number): string {
  return (ms / 1000).toFixed(1) + 's';
}

function fmtBytes(n: number): string {
  if (n < 1000) return `${n}B`;
  if (n < 1_000_000) return `${(n / 1000).toFixed(2)}kB`;
  return `${(n / 1_000_000).toFixed(2)}MB`;
}

/** Glob for COPY sources (`*.json`, `src/*`). */
function globToRe(p: string): RegExp {
  return new RegExp(
    '^' +
      p
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*') +
      '$',
  );
}

export class Builder {
  private lines: string[] = [];
  private vertex = 0;
  private steps: BuildStep[] = [];

  constructor(
    private readonly d: DockerDaemon,
    private readonly req: BuildRequest,
  ) {}

  private get rt() {
    return this.d.rt;
  }

  private out(...l: string[]): void {
    this.lines.push(...l);
  }

  private fail(message: string, tags: string[]): { ok: false; lines: string[]; report: BuildReport } {
    this.out(`ERROR: failed to solve: ${message}`);
    const report: BuildReport = {
      ok: false,
      tags,
      steps: this.steps,
      error: message,
      finishedAt: this.d.cluster.now,
    };
    this.d.st.lastBuild = report;
    return { ok: false, lines: this.lines, report };
  }

  private tick(ms: number): void {
    if (ms > 0) this.d.cluster.advance(ms);
  }

  run(): { ok: boolean; lines: string[]; report: BuildReport; imageId?: string } {
    const req = this.req;
    const cluster = this.d.cluster;
    const tags: string[] = [];
    for (const t of req.tags) {
      const p = parseImageRef(t);
      if (!p.ok) {
        this.out(`ERROR: invalid tag "${t}": ${p.message}`);
        return {
          ok: false,
          lines: this.lines,
          report: { ok: false, tags: [], steps: [], error: p.message, finishedAt: cluster.now },
        };
      }
      tags.push(p.ref.familiar);
    }
    this.d.hop(
      'docker-cli',
      'dockerd',
      'POST',
      `/build (context ${Object.keys(req.context).length} files)`,
      20,
    );
    this.out('#0 building with "default" instance using docker driver', '');
    this.vertex = 1;
    this.out(
      `#1 [internal] load build definition from ${req.dockerfileName}`,
      `#1 transferring dockerfile: ${fmtBytes(req.dockerfile.length)} done`,
      '#1 DONE 0.0s',
      '',
    );
    const parsed = parseDockerfile(req.dockerfile);
    if (!parsed.ok) {
      return this.fail(parsed.message, tags);
    }
    const ins = parsed.instructions;

    // Global ARGs (before the first FROM) may be used in FROM lines.
    const globalArgs: Record<string, string> = {};
    let i = 0;
    while (i < ins.length && ins[i]!.cmd === 'ARG') {
      for (const [k, v] of parseKeyValues(ins[i]!)) globalArgs[k] = req.buildArgs[k] ?? v;
      i++;
    }
    // Split into stages.
    const stages: { from: Instruction; body: Instruction[]; name?: string }[] = [];
    for (; i < ins.length; i++) {
      const x = ins[i]!;
      if (x.cmd === 'FROM') {
        const words = x.args;
        const asIdx = words.findIndex((w) => w.toUpperCase() === 'AS');
        stages.push({ from: x, body: [], name: asIdx > 0 ? words[asIdx + 1]?.toLowerCase() : undefined });
      } else stages[stages.length - 1]!.body.push(x);
    }
    let finalIdx = stages.length - 1;
    if (req.target) {
      finalIdx = stages.findIndex((s) => s.name === req.target);
      if (finalIdx < 0) return this.fail(`target stage "${req.target}" could not be found`, tags);
    }
    // Which stages the target needs (FROM <stage>, COPY --from=<stage>).
    const needed = new Set<number>([finalIdx]);
    const stageIndex = (ref: string): number => {
      const byName = stages.findIndex((s) => s.name === ref.toLowerCase());
      if (byName >= 0) return byName;
      return /^\d+$/.test(ref) ? Number(ref) : -1;
    };
    for (let s = finalIdx; s >= 0; s--) {
      if (!needed.has(s)) continue;
      const st = stages[s]!;
      const fromRef = expand(st.from.args[0] ?? '', globalArgs);
      const fi = stageIndex(fromRef);
      if (fi >= 0 && fi < s) needed.add(fi);
      for (const b of st.body)
        if (b.flags.from) {
          const ci = stageIndex(b.flags.from);
          if (ci >= 0 && ci < s) needed.add(ci);
        }
    }
    const multi = stages.length > 1;
    const built: StageState[] = [];
    // metadata + context vertices
    const bases = [...needed]
      .sort((a, b) => a - b)
      .map((s) => expand(stages[s]!.from.args[0] ?? '', globalArgs))
      .filter((b) => stageIndex(b) < 0 && b !== 'scratch');
    for (const b of [...new Set(bases)]) {
      const p = parseImageRef(b);
      this.vertex++;
      this.out(
        `#${this.vertex} [internal] load metadata for ${p.ok ? p.ref.full : b}`,
        `#${this.vertex} DONE 0.${(this.vertex * 3) % 10}s`,
        '',
      );
    }
    const ignore = dockerignoreMatcher(req.context['.dockerignore']);
    this.vertex++;
    this.out(
      `#${this.vertex} [internal] load .dockerignore`,
      `#${this.vertex} transferring context: ${fmtBytes((req.context['.dockerignore'] ?? '').length || 2)} done`,
      `#${this.vertex} DONE 0.0s`,
      '',
    );
    const ctx: Record<string, string> = {};
    for (const [p, c] of Object.entries(req.context)) if (!ignore(p)) ctx[p] = c;
    let contextShown = false;

    for (let s = 0; s < stages.length; s++) {
      if (!needed.has(s)) continue;
      const stage = stages[s]!;
      const label = (n: number, total: number) => {
        const prefix = multi ? `${stage.name ?? `stage-${s}`} ` : '';
        return `[${prefix}${n}/${total}]`;
      };
      const printed = stage.body.filter((b) => ['RUN', 'COPY', 'ADD', 'WORKDIR'].includes(b.cmd));
      const total = printed.length + 1;
      // FROM
      const fromRef = expand(stage.from.args[0] ?? '', globalArgs);
      const fi = stageIndex(fromRef);
      let st: StageState;
      this.vertex++;
      const fromVertex = this.vertex;
      if (fi >= 0 && fi < s) {
        const parent = built[fi]!;
        st = { ...structuredClone(parent), name: stage.name, index: s, missed: parent.missed, args: {} };
        this.out(`#${fromVertex} ${label(1, total)} FROM ${fromRef}`, `#${fromVertex} DONE 0.0s`, '');
      } else if (fromRef === 'scratch') {
        st = {
          name: stage.name,
          index: s,
          layers: [],
          config: { User: '', Env: [`PATH=${DEFAULT_PATH}`], WorkingDir: '' },
          history: [],
          args: {},
          key: hex64('scratch'),
          missed: false,
          arch: this.d.arch,
          baseName: 'scratch',
        };
      } else {
        let base = this.rt.localImage(this.d.host, fromRef);
        let pulledMs = 0;
        if (!base) {
          const t0 = cluster.now;
          const pulled = this.d.pull(fromRef);
          if (!pulled.ok) {
            const pr = parseImageRef(fromRef);
            const full = pr.ok ? pr.ref.full : fromRef;
            this.out(
              `#${fromVertex} ${label(1, total)} FROM ${full}`,
              `#${fromVertex} ERROR: ${pulled.error.replace(/^Error response from daemon: /, '')}`,
              '',
            );
            return this.fail(
              `${full}: failed to resolve source metadata for ${full}: ${pulled.error.replace(/^Error response from daemon: /, '')}`,
              tags,
            );
          }
          base = pulled.image;
          pulledMs = cluster.now - t0;
        }
        const pr = parseImageRef(fromRef);
        const full = pr.ok ? pr.ref.full : fromRef;
        const digest = this.rt.host(this.d.host).images[base.id]?.repoDigests[0]?.split('@')[1] ?? base.id;
        this.out(`#${fromVertex} ${label(1, total)} FROM ${full}@${digest}`);
        if (pulledMs) {
          for (const l of base.layers) {
            const size = this.rt.layer(l)?.size ?? 0;
            this.out(`#${fromVertex} sha256:${l.slice(7)} ${fmtBytes(size)} / ${fmtBytes(size)} done`);
          }
          for (const l of base.layers) this.out(`#${fromVertex} extracting sha256:${l.slice(7)} done`);
        }
        this.out(`#${fromVertex} DONE ${fmtSec(pulledMs)}`, '');
        st = {
          name: stage.name,
          index: s,
          layers: [...base.layers],
          config: structuredClone(base.config),
          history: structuredClone(base.history),
          args: {},
          key: hex64(`from|${base.id}`),
          missed: false,
          arch: base.architecture,
          baseName: base.baseImage ?? (pr.ok ? pr.ref.familiar : fromRef),
        };
      }
      if (req.noCache) st.missed = true;
      this.steps.push({
        vertex: fromVertex,
        name: `${label(1, total)} FROM ${fromRef}`,
        instruction: stage.from.text,
        cached: false,
        durationMs: 0,
      });
      let n = 1;
      for (const x of stage.body) {
        const vars = { ...globalArgs, ...st.args, ...envMap(st.config) };
        const r = this.step(
          st,
          x,
          vars,
          ctx,
          built,
          stageIndex,
          () => label(++n, total),
          () => {
            if (!contextShown && (x.cmd === 'COPY' || x.cmd === 'ADD') && !x.flags.from) {
              contextShown = true;
              this.vertex++;
              const bytes = Object.values(ctx).reduce((a, c) => a + c.length, 0);
              this.out(
                `#${this.vertex} [internal] load build context`,
                `#${this.vertex} transferring context: ${fmtBytes(bytes)} done`,
                `#${this.vertex} DONE 0.0s`,
                '',
              );
            }
          },
        );
        if (!r.ok) return this.fail(r.error, tags);
      }
      built[s] = st;
    }

    // export
    const fin = built[finalIdx]!;
    const rec: Omit<ImageRecord, 'id'> = {
      architecture: fin.arch,
      os: 'linux',
      created: cluster.iso(),
      config: fin.config,
      layers: fin.layers,
      history: fin.history,
      builtOn: this.d.host,
      ...(fin.baseName !== 'scratch' ? { baseImage: fin.baseName } : {}),
    };
    // Same steps and config ⇒ same ID: a fully cached build gives the image it gave before (created time included).
    const cacheId = hex64(`image|${fin.key}|${JSON.stringify(fin.config)}`);
    const prev = this.d.st.buildCache[`image:${cacheId}`];
    if (prev) rec.created = prev.history[0]?.created ?? rec.created;
    const id = imageIdFor({ ...rec, created: cacheId });
    const img: ImageRecord = { id, ...rec };
    this.d.st.buildCache[`image:${cacheId}`] ??= {
      layers: [],
      config: fin.config,
      history: [{ created: rec.created, createdBy: 'image' }],
      size: 0,
      lastUsed: cluster.now,
    };
    this.rt.addImage(img);
    this.rt.storeOnHost(this.d.host, img, tags);
    this.vertex++;
    const v = this.vertex;
    this.out(
      `#${v} exporting to image`,
      `#${v} exporting layers 0.1s done`,
      `#${v} writing image ${id} done`,
    );
    for (const t of tags) {
      const p = parseImageRef(t);
      this.out(`#${v} naming to ${p.ok ? p.ref.full : t} done`);
    }
    this.out(`#${v} DONE 0.1s`);
    this.tick(100);
    this.d.hop(
      'dockerd',
      'docker-cli',
      'built',
      `built ${tags[0] ?? id.slice(7, 19)}: ${this.steps.filter((x) => x.cached).length} steps cached`,
    );
    const report: BuildReport = { ok: true, tags, imageId: id, steps: this.steps, finishedAt: cluster.now };
    this.d.st.lastBuild = report;
    return { ok: true, lines: this.lines, report, imageId: id };
  }

  private step(
    st: StageState,
    x: Instruction,
    vars: Record<string, string>,
    ctx: Record<string, string>,
    built: StageState[],
    stageIndex: (ref: string) => number,
    nextLabel: () => string,
    beforeCopy: () => void,
  ): { ok: true } | { ok: false; error: string } {
    const cfg = st.config;
    const cluster = this.d.cluster;
    const configOnly = (createdBy: string) => {
      st.history.push({
        created: cluster.iso(),
        createdBy: `${createdBy}`,
        emptyLayer: true,
        comment: 'buildkit.dockerfile.v0',
      });
      st.key = hex64(`${st.key}|${createdBy}`);
    };
    switch (x.cmd) {
      case 'ENV':
        for (const [k, v] of parseKeyValues(x)) setEnv(cfg, k, expand(v, vars));
        configOnly(`ENV ${x.raw}`);
        return { ok: true };
      case 'ARG':
        for (const [k, v] of parseKeyValues(x)) st.args[k] = this.req.buildArgs[k] ?? v;
        configOnly(`ARG ${x.raw}`);
        return { ok: true };
      case 'LABEL':
      case 'MAINTAINER':
        cfg.Labels = { ...(cfg.Labels ?? {}) };
        if (x.cmd === 'MAINTAINER') cfg.Labels.maintainer = x.raw;
        else for (const [k, v] of parseKeyValues(x)) cfg.Labels[k] = expand(v, vars);
        configOnly(`LABEL ${x.raw}`);
        return { ok: true };
      case 'EXPOSE':
        cfg.ExposedPorts = { ...(cfg.ExposedPorts ?? {}) };
        for (const p of x.args) cfg.ExposedPorts[p.includes('/') ? p : `${expand(p, vars)}/tcp`] = {};
        configOnly(
          `EXPOSE map[${Object.keys(cfg.ExposedPorts)
            .map((p) => `${p}:{}`)
            .join(' ')}]`,
        );
        return { ok: true };
      case 'CMD':
        cfg.Cmd = x.json ? x.args : ['/bin/sh', '-c', x.raw];
        configOnly(`CMD ${JSON.stringify(cfg.Cmd)}`);
        return { ok: true };
      case 'ENTRYPOINT':
        cfg.Entrypoint = x.json ? x.args : ['/bin/sh', '-c', x.raw];
        if (!x.json) cfg.Cmd = null;
        configOnly(`ENTRYPOINT ${JSON.stringify(cfg.Entrypoint)}`);
        return { ok: true };
      case 'USER':
        cfg.User = expand(x.raw, vars);
        configOnly(`USER ${cfg.User}`);
        return { ok: true };
      case 'VOLUME':
        cfg.Volumes = { ...(cfg.Volumes ?? {}) };
        for (const v of x.args) cfg.Volumes[v] = {};
        configOnly(`VOLUME ${JSON.stringify(x.args)}`);
        return { ok: true };
      case 'STOPSIGNAL':
        cfg.StopSignal = x.raw;
        configOnly(`STOPSIGNAL ${x.raw}`);
        return { ok: true };
      case 'SHELL':
      case 'HEALTHCHECK':
      case 'ONBUILD':
        configOnly(`${x.cmd} ${x.raw}`);
        return { ok: true };
    }

    // Filesystem-changing steps: WORKDIR, COPY, ADD, RUN.
    if (x.cmd === 'COPY' || x.cmd === 'ADD') beforeCopy();
    const label = nextLabel();
    this.vertex++;
    const v = this.vertex;
    const shown = `${label} ${x.cmd} ${x.flags.from ? `--from=${x.flags.from} ` : ''}${x.cmd === 'RUN' ? x.raw : x.raw}`;
    const step: BuildStep = { vertex: v, name: shown, instruction: x.text, cached: false, durationMs: 0 };
    this.steps.push(step);

    // The files a COPY/ADD takes, and their checksum (part of the cache key).
    let copyFiles: Record<string, string> | undefined;
    let checksum = '';
    if (x.cmd === 'COPY' || x.cmd === 'ADD') {
      const words = x.args;
      if (words.length < 2)
        return {
          ok: false,
          error: `dockerfile parse error on line ${x.line}: ${x.cmd} requires at least two arguments, but only one was provided. Destination could not be determined`,
        };
      const srcs = words.slice(0, -1).map((w) => expand(w, vars));
      const dest = expand(words[words.length - 1]!, vars);
      let source: (path: string) => Record<string, string> | undefined;
      if (x.flags.from) {
        const si = stageIndex(x.flags.from);
        let from: StageState | undefined = si >= 0 ? built[si] : undefined;
        if (!from) {
          const img =
            this.rt.localImage(this.d.host, x.flags.from) ??
            (this.d.pull(x.flags.from).ok ? this.rt.localImage(this.d.host, x.flags.from) : undefined);
          if (!img) return { ok: false, error: `failed to resolve source metadata for ${x.flags.from}` };
          from = { layers: img.layers, config: img.config } as StageState;
        }
        const layers = from.layers.map((d) => this.rt.layer(d)).filter((l): l is LayerData => !!l);
        const view: ufs.FsView = {
          layers,
          writable: ufs.emptyWritable(),
          mounts: [],
          volume: () => undefined,
        };
        source = (p) => collectFromFs(view, p);
      } else {
        source = (p) => collectFromContext(ctx, p);
      }
      copyFiles = {};
      const destIsDir = dest.endsWith('/') || srcs.length > 1 || srcs.some((s) => s.includes('*'));
      const base = ufs.normPath(dest, cfg.WorkingDir || '/');
      for (const src of srcs) {
        // ADD also fetches a URL (the daemon downloads it; an outside host answers a small fixed page).
        const url = x.cmd === 'ADD' ? /^https?:\/\/([^/]+)(\/.*)?$/.exec(src) : null;
        const found = url ? { '': externalFile(url[1]!, url[2] ?? '/') } : source(src);
        if (!found || !Object.keys(found).length) {
          this.out(
            `#${v} ${shown}`,
            `#${v} ERROR: failed to calculate checksum of ref ${hex64('ref' + src).slice(0, 25)}::${hex64(src).slice(0, 25)}: "/${src.replace(/^\.?\//, '')}": not found`,
            '',
          );
          step.error = 'not found';
          return {
            ok: false,
            error: `failed to compute cache key: failed to calculate checksum of ref ${hex64('ref' + src).slice(0, 25)}::${hex64(src).slice(0, 25)}: "/${src.replace(/^\.?\//, '')}": not found`,
          };
        }
        const single = Object.keys(found).length === 1 && '' in found;
        for (const [rel, content] of Object.entries(found)) {
          let target: string;
          if (single) {
            const name = src.split('/').pop()!;
            target = destIsDir || isDirIn(st, base, this.rt) ? `${base}/${name}` : base;
          } else target = `${base}/${rel}`;
          copyFiles[ufs.normPath(target)] = content;
        }
      }
      checksum = hex64(JSON.stringify(Object.entries(copyFiles).sort()));
    }
    const runCmd = x.cmd === 'RUN' ? (x.json ? x.args.join(' ') : x.raw) : '';
    const key = hex64(
      `${st.key}|${x.cmd} ${x.flags.from ?? ''} ${x.raw}|${checksum}|${x.cmd === 'RUN' ? JSON.stringify(st.args) : ''}`,
    );
    const cached = !st.missed && !this.req.noCache ? this.d.st.buildCache[key] : undefined;
    if (cached) {
      this.out(`#${v} ${shown}`, `#${v} CACHED`, '');
      this.d.hop('dockerd', `runtime/${this.d.host}`, 'build', `${shown}: CACHED`);
      step.cached = true;
      step.layer = cached.layers[cached.layers.length - 1];
      st.layers = [...cached.layers];
      st.config = structuredClone(cached.config);
      st.history = structuredClone(cached.history);
      st.key = key;
      cached.lastUsed = cluster.now;
      return { ok: true };
    }
    st.missed = true;
    this.out(`#${v} ${shown}`);
    this.d.hop('dockerd', `runtime/${this.d.host}`, 'build', `${shown}: running`);
    const t0 = cluster.now;
    let layer: LayerData | undefined;
    if (x.cmd === 'WORKDIR') {
      const dir = ufs.normPath(expand(x.raw, vars), cfg.WorkingDir || '/');
      cfg.WorkingDir = dir;
      if (!isDirIn(st, dir, this.rt)) layer = makeLayer({ [dir]: null }, [], `WORKDIR ${dir}`, 0);
      this.tick(50);
    } else if (x.cmd === 'COPY' || x.cmd === 'ADD') {
      const size = Object.values(copyFiles!).reduce((a, c) => a + c.length, 0);
      layer = makeLayer(copyFiles!, [], `${x.cmd} ${x.raw} # buildkit`, size);
      this.tick(100);
    } else {
      const r = this.runStep(st, runCmd, vars, v);
      if (!r.ok) {
        step.error = r.error;
        this.out(
          `#${v} ERROR: ${r.error}`,
          '------',
          ` > ${shown}:`,
          ...r.output.map((l) => `${l}`),
          '------',
        );
        return { ok: false, error: r.error };
      }
      layer = r.layer;
    }
    step.durationMs = cluster.now - t0;
    this.out(`#${v} DONE ${fmtSec(step.durationMs)}`, '');
    if (layer) {
      this.rt.addLayer(layer);
      st.layers.push(layer.digest);
      step.layer = layer.digest;
      step.layerSize = layer.size;
      st.history.push({
        created: cluster.iso(),
        createdBy: layer.createdBy,
        comment: 'buildkit.dockerfile.v0',
      });
    } else {
      st.history.push({
        created: cluster.iso(),
        createdBy: `${x.cmd} ${x.raw}`,
        emptyLayer: true,
        comment: 'buildkit.dockerfile.v0',
      });
    }
    st.key = key;
    const entry: BuildCacheEntry = {
      layers: [...st.layers],
      config: structuredClone(st.config),
      history: structuredClone(st.history),
      size: layer?.size ?? 0,
      lastUsed: cluster.now,
    };
    this.d.st.buildCache[key] = entry;
    return { ok: true };
  }

  /** RUN: package managers are modelled here; every other command runs in the step's container. */
  private runStep(
    st: StageState,
    cmd: string,
    vars: Record<string, string>,
    v: number,
  ): { ok: true; layer: LayerData } | { ok: false; error: string; output: string[] } {
    const rt = this.rt;
    const tmp: Omit<ImageRecord, 'id'> = {
      architecture: st.arch,
      os: 'linux',
      created: '',
      config: st.config,
      layers: st.layers,
      history: [],
    };
    const tmpImg: ImageRecord = { id: imageIdFor(tmp), ...tmp };
    const env: Record<string, string> = { ...envMap(st.config) };
    for (const [k, val] of Object.entries(st.args)) env[k] ??= val;
    const cid = rt.createBuildContainer(
      this.d.host,
      tmpImg,
      env,
      st.config.WorkingDir || '/',
      st.config.User,
      st.baseName,
    );
    const output: string[] = [];
    let extra = 0;
    const fail = (code: number) => {
      rt.dropBuildContainer(cid);
      rt.dropImage(tmpImg.id);
      return {
        ok: false as const,
        error: `process "/bin/sh -c ${cmd}" did not complete successfully: exit code: ${code}`,
        output,
      };
    };
    const rec = rt.record(cid)!;
    const view = rt.fsView(rec);
    if (!ufs.whichExecutable(view, '/bin/sh', DEFAULT_PATH)) {
      rt.dropBuildContainer(cid);
      rt.dropImage(tmpImg.id);
      return {
        ok: false,
        error: `failed to solve: process "/bin/sh -c ${cmd}" did not complete successfully: runc run failed: unable to start container process: exec: "/bin/sh": stat /bin/sh: no such file or directory`,
        output,
      };
    }
    let elapsed = 0;
    for (const seg of splitAnd(cmd)) {
      const words = splitWords(expand(seg, { ...vars, ...env }));
      const tool = words[0] ?? '';
      const pm = PACKAGE_TOOLS[tool];
      if (pm) {
        if (!ufs.whichExecutable(view, tool, env.PATH ?? DEFAULT_PATH, rec.workingDir)) {
          output.push(`#${v} 0.${(elapsed / 100) | 0}12 /bin/sh: 1: ${tool}: not found`);
          return fail(127);
        }
        for (const l of pm.out(words.slice(1)))
          output.push(`#${v} ${(elapsed / 1000 + 0.4).toFixed(3)} ${l}`);
        for (const [p, c] of Object.entries(pm.files(words.slice(1), rec.workingDir))) {
          ufs.mkdir(view, p.split('/').slice(0, -1).join('/') || '/');
          for (let dir = '', parts = p.split('/').slice(1, -1), k = 0; k < parts.length; k++) {
            dir += '/' + parts[k];
            ufs.mkdir(view, dir);
          }
          ufs.writeFile(view, p, c);
        }
        const pkgCount = Math.max(1, pkgs(words.slice(1)).length);
        extra +=
          words[1] === 'update' ? 18_000_000 : pm.size * (tool === 'npm' || tool === 'yarn' ? 1 : pkgCount);
        elapsed += 2500;
        continue;
      }
      const r = rt.exec(cid, ['/bin/sh', '-c', seg]);
      for (const l of `${r.stdout}${r.stderr}`.split('\n'))
        if (l) output.push(`#${v} ${(elapsed / 1000 + 0.3).toFixed(3)} ${l}`);
      elapsed += 200;
      if (r.exitCode !== 0) {
        this.out(...output);
        this.tick(elapsed);
        return fail(r.exitCode);
      }
    }
    this.out(...output);
    this.tick(elapsed);
    const w = rec.writable;
    const files: Record<string, string | null> = { ...w.files };
    for (const d of w.dirs) files[d] = null;
    const size = Object.values(w.files).reduce((a, c) => a + c.length, 0) + extra;
    const layer = makeLayer(files, w.deleted, `RUN /bin/sh -c ${cmd} # buildkit`, size);
    rt.dropBuildContainer(cid);
    rt.dropImage(tmpImg.id);
    return { ok: true, layer };
  }
}

/** What an outside web server returns for ADD <url> (deterministic, as the runtime's external hosts). */
function externalFile(host: string, path: string): string {
  return `# ${host}${path} (fetched by the simulated daemon)\n`;
}

/** A content-addressed layer: `null` values are folders. */
function makeLayer(
  entries: Record<string, string | null>,
  whiteouts: string[],
  createdBy: string,
  size: number,
): LayerData {
  const files: Record<string, string> = {};
  const dirs: string[] = [];
  for (const [p, c] of Object.entries(entries)) {
    if (c === null) dirs.push(p);
    else files[p] = c;
  }
  const digest = digestOf(
    `built|${JSON.stringify([Object.entries(files).sort(), dirs.sort(), [...whiteouts].sort(), size])}`,
  );
  return { digest, size, files, dirs, whiteouts: whiteouts.length ? [...whiteouts] : undefined, createdBy };
}

function isDirIn(st: StageState, path: string, rt: DockerDaemon['rt']): boolean {
  const layers = st.layers.map((d) => rt.layer(d)).filter((l): l is LayerData => !!l);
  return ufs.isDir({ layers, writable: ufs.emptyWritable(), mounts: [], volume: () => undefined }, path);
}

/** Files of the build context matching a COPY source: a file → {'': content}; a folder → its files by relative path. */
function collectFromContext(ctx: Record<string, string>, src: string): Record<string, string> | undefined {
  const p = src.replace(/^\.?\/+/, '').replace(/\/+$/, '');
  if (p === '' || p === '.') return { ...ctx };
  if (p.includes('*')) {
    const re = globToRe(p);
    const out: Record<string, string> = {};
    for (const [k, c] of Object.entries(ctx)) if (re.test(k)) out[k.split('/').pop()!] = c;
    return out;
  }
  if (p in ctx) return { '': ctx[p]! };
  const out: Record<string, string> = {};
  for (const [k, c] of Object.entries(ctx)) if (k.startsWith(p + '/')) out[k.slice(p.length + 1)] = c;
  return Object.keys(out).length ? out : undefined;
}

function collectFromFs(view: ufs.FsView, src: string): Record<string, string> | undefined {
  const p = ufs.normPath(src);
  const f = ufs.readFile(view, p);
  if (f !== undefined) return { '': f };
  if (!ufs.isDir(view, p)) return undefined;
  const out: Record<string, string> = {};
  const walk = (dir: string, rel: string) => {
    for (const n of ufs.listDir(view, dir) ?? []) {
      const full = dir === '/' ? `/${n}` : `${dir}/${n}`;
      const c = ufs.readFile(view, full);
      if (c !== undefined) out[rel ? `${rel}/${n}` : n] = c;
      else walk(full, rel ? `${rel}/${n}` : n);
    }
  };
  walk(p, '');
  return out;
}

/** Runs a build on the daemon's host. */
export function build(
  d: DockerDaemon,
  req: BuildRequest,
): { ok: boolean; lines: string[]; report: BuildReport; imageId?: string } {
  return new Builder(d, req).run();
}
