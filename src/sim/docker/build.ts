/**
 * `docker build` with BuildKit's behaviour: one layer per filesystem-changing instruction (RUN, COPY, ADD, a
 * WORKDIR that creates its folder); config-only instructions change the image config; the cache is Docker's: a
 * step is CACHED when its parent and its instruction match (COPY/ADD also by the checksum of the files it copies,
 * RUN by its command text only), and once one step misses every later step runs again. Multi-stage builds
 * (`FROM … AS name`, `COPY --from=name`) and `.dockerignore` are supported. Output is BuildKit's plain progress.
 */
import { DEFAULT_PATH, imageIdFor } from '../runtime/catalog';
import { hex64 } from '../runtime/digest';
import { parseImageRef } from '../runtime/imageRef';
import type { ImageRecord, LayerData } from '../runtime/types';
import type { DockerDaemon } from './daemon';
import type { BuilderCore } from './dockerTypes';
import { dockerignoreMatcher, parseDockerfile, parseKeyValues, type Instruction } from './dockerfile';

import type { BuildReport, BuildRequest, BuildStep, StageState } from './buildTypes';
import { runStep } from './buildRunStep';
import { envMap, expand, step } from './buildInstructions';
import { fmtBytes, fmtSec } from './buildProgress';
export class Builder implements BuilderCore {
  lines: string[] = [];
  vertex = 0;
  steps: BuildStep[] = [];

  constructor(
    readonly d: DockerDaemon,
    readonly req: BuildRequest,
  ) {}

  get rt() {
    return this.d.rt;
  }

  out(...l: string[]): void {
    this.lines.push(...l);
  }

  fail(message: string, tags: string[]): { ok: false; lines: string[]; report: BuildReport } {
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

  tick(ms: number): void {
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
    // A rebuild that executed steps again (`--no-cache`) writes a new config (new created times, new RUN layers),
    // so it gets a new ID, and a later cached build gives that newer one.
    const cacheId = hex64(`image|${fin.key}|${JSON.stringify(fin.config)}`);
    const prev = this.d.st.buildCache[`image:${cacheId}`];
    const executed = Object.values(built).some((b) => b.missed);
    const salt = prev ? (executed ? rec.created : (prev.history[0]?.comment ?? '')) : '';
    if (prev && !executed) rec.created = prev.history[0]?.created ?? rec.created;
    const id = imageIdFor({ ...rec, created: cacheId + salt });
    const img: ImageRecord = { id, ...rec };
    if (!prev || executed)
      this.d.st.buildCache[`image:${cacheId}`] = {
        layers: [],
        config: fin.config,
        history: [{ created: rec.created, createdBy: 'image', ...(salt ? { comment: salt } : {}) }],
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

  step(
    st: StageState,
    x: Instruction,
    vars: Record<string, string>,
    ctx: Record<string, string>,
    built: StageState[],
    stageIndex: (ref: string) => number,
    nextLabel: () => string,
    beforeCopy: () => void,
  ): { ok: true } | { ok: false; error: string } {
    return step(this, st, x, vars, ctx, built, stageIndex, nextLabel, beforeCopy);
  }

  /** RUN: package managers are modelled here; every other command runs in the step's container. */
  runStep(
    st: StageState,
    cmd: string,
    vars: Record<string, string>,
    v: number,
  ): { ok: true; layer: LayerData } | { ok: false; error: string; output: string[] } {
    return runStep(this, st, cmd, vars, v);
  }
}

/** Runs a build on the daemon's host. */
export function build(
  d: DockerDaemon,
  req: BuildRequest,
): { ok: boolean; lines: string[]; report: BuildReport; imageId?: string } {
  return new Builder(d, req).run();
}
