/**
 * The `kubelab serve` figures of `npm run bench`: serve_rps (GETs per second from 16 concurrent clients for 2 s),
 * then 50 watches plus 200 writes/s for `seconds` (30 by default; `--serve-seconds=N`): serve_p99_ms (write
 * latency) and watch_events_lost (events each watch should have seen, counted from the store's own change feed,
 * minus what it received; must be 0).
 */
import { testServer } from '../src/serve/testing';
import { TOKEN_PREFIX } from '../src/serve/request';

export async function serveBench(seconds: number): Promise<Record<string, number>> {
  const s = await testServer({ speed: 0 });
  const base = `${s.base}${TOKEN_PREFIX}${s.token}`;
  const ns = '/api/v1/namespaces/default/configmaps';
  await fetch(base + ns, {
    method: 'POST',
    body: JSON.stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'load' },
      data: { n: '0' },
    }),
  });

  // Phase 1: throughput of reads.
  let reads = 0;
  const until = performance.now() + 2000;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (performance.now() < until) {
        const r = await fetch(`${base}${ns}/load`);
        await r.arrayBuffer();
        if (r.ok) reads++;
      }
    }),
  );
  const serve_rps = reads / 2;

  // Phase 2: 50 watches, 200 writes/s.
  const startRv = String(s.session.cluster.store.revision);
  let expected = 0;
  const off = s.session.cluster.store.watch('ConfigMap', (_t, o) => {
    if (o.metadata.namespace === 'default' && o.metadata.name === 'load') expected++;
  });
  const received: number[] = [];
  const controllers: AbortController[] = [];
  await Promise.all(
    Array.from({ length: 50 }, async (_, i) => {
      received[i] = 0;
      const ctl = new AbortController();
      controllers.push(ctl);
      const res = await fetch(
        `${base}${ns}?watch=1&resourceVersion=${startRv}&fieldSelector=metadata.name%3Dload`,
        { signal: ctl.signal },
      );
      const reader = res.body!.getReader();
      let buf = '';
      void (async () => {
        try {
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buf += new TextDecoder().decode(value);
            let nl: number;
            while ((nl = buf.indexOf('\n')) >= 0) {
              buf = buf.slice(nl + 1);
              received[i]!++;
            }
          }
        } catch {
          // aborted at the end
        }
      })();
    }),
  );
  const lat: number[] = [];
  let n = 0;
  const t0 = performance.now();
  const writes: Promise<void>[] = [];
  // Paced by the clock, not by the timer: every 10 ms the writes due so far (200/s) go out.
  for (;;) {
    const elapsed = performance.now() - t0;
    const due = Math.min(Math.floor(elapsed / 5), seconds * 200);
    if (n >= seconds * 200) break;
    while (n < due) {
      const started = performance.now();
      const body = JSON.stringify({ data: { n: String(++n) } });
      writes.push(
        fetch(`${base}${ns}/load`, {
          method: 'PATCH',
          body,
          headers: { 'content-type': 'application/merge-patch+json' },
        })
          .then((r) => r.arrayBuffer())
          .then(() => void lat.push(performance.now() - started)),
      );
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  await Promise.all(writes);
  // Let the last events arrive.
  const settleUntil = performance.now() + 3000;
  while (received.some((x) => x < expected) && performance.now() < settleUntil)
    await new Promise((r) => setTimeout(r, 50));
  off();
  for (const c of controllers) c.abort();
  lat.sort((a, b) => a - b);
  const serve_p99_ms = lat[Math.floor(lat.length * 0.99)] ?? 0;
  const watch_events_lost = received.reduce((sum, x) => sum + Math.max(0, expected - x), 0);
  await s.close();
  return {
    serve_rps: Math.round(serve_rps),
    serve_p99_ms: Math.round(serve_p99_ms * 10) / 10,
    watch_events_lost,
    serve_writes: lat.length,
    serve_write_seconds: seconds,
  };
}
