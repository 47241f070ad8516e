import { describe, expect, it } from 'vitest';
import type { Cluster } from '../sim/cluster';
import type { SessionLike, SessionModule } from './session';
import { SimHost, isReadOnly } from './simHost';

/** A stand-in cluster: `total` grows by one per virtual second and by `add N` commands. */
function fakeModule(): SessionModule {
  return {
    createSession({ seed = 1 }) {
      const listeners = new Set<(e: never) => void>();
      const st = { now: 0, total: seed * 1000, seq: 0 };
      const cluster = {
        state: st,
        version: 0,
        options: { seed },
        get now() {
          return st.now;
        },
        advance(ms: number) {
          const before = Math.floor(st.now / 1000);
          st.now += ms;
          st.total += Math.floor(st.now / 1000) - before;
          cluster.version++;
        },
        step() {
          cluster.advance(1000 - (st.now % 1000));
          return true;
        },
        clock: { peek: () => (Math.floor(st.now / 1000) + 1) * 1000 },
        log: { subscribe: (l: (e: never) => void) => (listeners.add(l), () => listeners.delete(l)) },
        snapshot: () => ({ time: st.now, lastSeq: 0, state: JSON.stringify(st) }),
        restore(s: { state: string }) {
          Object.assign(st, JSON.parse(s.state));
          cluster.version++;
        },
      };
      const history: string[] = [];
      const session: SessionLike = {
        cluster: cluster as unknown as Cluster,
        onClusterReplaced: () => () => {},
        exec(text: string) {
          history.push(text);
          const m = /^add (\d+)$/.exec(text);
          if (m) st.total += Number(m[1]);
          return { output: `total=${st.total}\n`, exitCode: 0 };
        },
        onOutput: () => () => {},
        interrupt() {},
        complete: () => ({ start: 0, candidates: [] }),
        commands: [],
        history,
        fs: { read: () => undefined, isDir: () => false, list: () => [] },
      };
      return session;
    },
  };
}

const total = (h: SimHost) => (h.cluster as unknown as { state: { total: number } }).state.total;

describe('SimHost', () => {
  it('records commands with their virtual time, not read-only ones', () => {
    const h = new SimHost(fakeModule(), { wallNow: () => 0 });
    h.exec('add 5');
    h.advanceBy(3000);
    h.exec('kubectl get pods');
    h.exec('add 7');
    expect(h.commands).toEqual([
      { t: 0, text: 'add 5' },
      { t: 3000, text: 'add 7' },
    ]);
    expect(total(h)).toBe(1000 + 5 + 3 + 7);
  });

  it('scrubs back to an earlier moment and replays forward identically', () => {
    const h = new SimHost(fakeModule(), { wallNow: () => 0, snapshotEvery: 2000 });
    h.exec('add 5');
    h.advanceBy(5000);
    h.exec('add 100');
    h.advanceBy(5000);
    const final = total(h);
    h.scrubTo(2500);
    expect(h.cluster.now).toBe(2500);
    expect(total(h)).toBe(1000 + 5 + 2);
    expect(h.status().ahead).toBe(1);
    h.advanceBy(7500); // replay: the recorded `add 100` runs again at 5000
    expect(total(h)).toBe(final);
    expect(h.status().ahead).toBe(0);
  });

  it('starts a new branch when a command runs after scrubbing back', () => {
    const h = new SimHost(fakeModule(), { wallNow: () => 0 });
    h.exec('add 1');
    h.advanceBy(4000);
    h.exec('add 2');
    h.scrubTo(1000);
    h.exec('add 3');
    expect(h.commands.map((c) => c.text)).toEqual(['add 1', 'add 3']);
    expect(h.status().end).toBe(1000);
  });

  it('keeps the later work when a read-only command runs after scrubbing back', () => {
    const h = new SimHost(fakeModule(), { wallNow: () => 0 });
    const discards: number[] = [];
    h.onDiscard((d) => discards.push(d.count));
    h.exec('add 1');
    h.advanceBy(4000);
    h.exec('add 2');
    h.advanceBy(1000);
    h.scrubTo(1000);
    h.exec('kubectl get deploy');
    expect(h.commands.map((c) => c.text)).toEqual(['add 1', 'add 2']);
    expect(h.status().ahead).toBe(1);
    expect(discards).toEqual([]);
    // a change does branch, and says how much it set aside (the UI offers Undo with that sandbox)
    h.exec('add 3');
    expect(discards).toEqual([1]);
  });

  it('offers the discarded timeline back: loading it restores every command', () => {
    const h = new SimHost(fakeModule(), { wallNow: () => 0 });
    let before: Parameters<Parameters<SimHost['onDiscard']>[0]>[0]['before'] | undefined;
    h.onDiscard((d) => (before = d.before));
    h.exec('add 1');
    h.advanceBy(2000);
    h.exec('add 2');
    h.advanceBy(2000);
    const final = total(h);
    h.reset();
    expect(h.commands).toEqual([]);
    h.load(before!, { silent: true });
    expect(h.commands.map((c) => c.text)).toEqual(['add 1', 'add 2']);
    expect(h.cluster.now).toBe(4000);
    expect(total(h)).toBe(final);
  });

  it('plays from the start when asked, at the slow speeds too', () => {
    const h = new SimHost(fakeModule(), { wallNow: () => 0, playing: true });
    expect(h.status().playing).toBe(true);
    h.setSpeed(0.25);
    h.frame(16);
    h.frame(16);
    expect(h.cluster.now).toBe(8);
  });

  it('time-slices a frame to the budget and respects pause and speed', () => {
    let wall = 0;
    const h = new SimHost(fakeModule(), { wallNow: () => (wall += 5), frameBudgetMs: 8 });
    h.frame(16);
    expect(h.cluster.now).toBe(0);
    h.setPlaying(true);
    h.setSpeed(4);
    h.frame(16);
    expect(h.cluster.now).toBe(64);
    h.setSpeed(64);
    const before = h.cluster.now;
    h.frame(100); // 6400 virtual ms wanted; the fake wall clock runs out of budget after a slice or two
    expect(h.cluster.now - before).toBeGreaterThan(0);
    expect(h.cluster.now - before).toBeLessThan(6400);
  });

  it('rebuilds a shared sandbox to the same state', () => {
    const a = new SimHost(fakeModule(), { seed: 7, wallNow: () => 0 });
    a.exec('add 3');
    a.advanceBy(12_345);
    a.exec('add 4');
    a.advanceBy(1000);
    const s = a.toSandbox([{ name: 'a.yaml', content: 'x' }], 'a.yaml');
    const b = new SimHost(fakeModule(), { wallNow: () => 0 });
    b.load(s);
    expect(b.seed).toBe(7);
    expect(b.cluster.now).toBe(a.cluster.now);
    expect(total(b)).toBe(total(a));
    expect(b.commands).toEqual(a.commands);
  });

  it('knows which commands only read', () => {
    expect(isReadOnly('kubectl get pods -w')).toBe(true);
    expect(isReadOnly('kubectl -n x describe pod y')).toBe(true);
    expect(isReadOnly('kubectl apply -f a.yaml')).toBe(false);
    expect(isReadOnly('sim node fail worker-1')).toBe(false);
    expect(isReadOnly('docker ps')).toBe(true);
    expect(isReadOnly('docker build -t x .')).toBe(false);
  });
});

describe('replaying time-only commands', () => {
  it('does not overshoot when scrubbing into the middle of a `sim advance`', () => {
    const mod = fakeModule();
    const orig = mod.createSession;
    mod.createSession = (o) => {
      const s = orig(o);
      const exec = s.exec.bind(s);
      s.exec = (text: string) => {
        const m = /^sim advance (\d+)s$/.exec(text);
        if (m) {
          s.cluster.advance(Number(m[1]) * 1000);
          return { output: '', exitCode: 0 };
        }
        return exec(text);
      };
      return s;
    };
    const h = new SimHost(mod, { wallNow: () => 0 });
    h.exec('add 5');
    h.exec('sim advance 20s');
    h.exec('add 7');
    expect(h.cluster.now).toBe(20_000);
    h.scrubTo(10_000);
    expect(h.cluster.now).toBe(10_000);
    expect(total(h)).toBe(1000 + 5 + 10);
    h.toEnd();
    expect(total(h)).toBe(1000 + 5 + 20 + 7);
  });
});
