/**
 * The start order, in the built index.html: besides the entry, the chunks the first screen needs before anything
 * heavy (the terminal, the lesson text) are `modulepreload`ed, so they download in parallel with the entry instead
 * of one after another (entry → React renders → lazy import → fetch). Their CSS is linked as a stylesheet. The
 * simulation's Web Worker is started by a tiny inline script before the entry even loads: the worker fetches and
 * runs the simulation while the page parses React and paints the terminal (src/state/worker/transports.ts takes
 * that worker). Chunks wanted right after the first screen (the diagram's) are `modulepreload`ed at low priority:
 * fetched and compiled while the page waits for the simulation, run only when the studio mounts them (their small
 * CSS is linked at once, so mounting them waits for no stylesheet). Monaco and
 * the rest stay lazy and unannounced: they load when the studio asks.
 */
import type { HtmlTagDescriptor, Plugin } from 'vite';

interface ChunkLike {
  type: 'chunk';
  fileName: string;
  facadeModuleId: string | null;
  isEntry: boolean;
  imports: string[];
  viteMetadata?: { importedCss: Set<string> };
}

/**
 * The files to announce for the chunks whose module matches `first`, in that order, each followed by the chunks
 * it imports (the browser starts the fetches in document order: the big chunk first).
 */
export function preloadList(
  bundle: Record<string, { type: string }>,
  first: readonly RegExp[],
  known = new Set<string>(),
): { js: string[]; css: string[] } {
  const chunks = Object.values(bundle).filter((c): c is ChunkLike => c.type === 'chunk');
  const byFile = new Map(chunks.map((c) => [c.fileName, c]));
  const entry = chunks.find((c) => c.isEntry);
  // what the entry already pulls in statically (Vite lists those itself), and what was announced before
  const closure = (f: string) => {
    if (known.has(f)) return;
    known.add(f);
    for (const i of byFile.get(f)?.imports ?? []) closure(i);
  };
  if (entry) closure(entry.fileName);
  const js: string[] = [];
  const css: string[] = [];
  const add = (f: string) => {
    if (known.has(f)) return;
    known.add(f);
    js.push(f);
    for (const i of byFile.get(f)?.imports ?? []) add(i);
  };
  for (const re of first) {
    const c = chunks.find((x) => !x.isEntry && x.facadeModuleId && re.test(x.facadeModuleId));
    if (!c) continue;
    add(c.fileName);
    for (const s of c.viteMetadata?.importedCss ?? []) if (!css.includes(s)) css.push(s);
  }
  return { js, css };
}

/** The built worker's file: Vite emits a module worker as an asset named after its source file. */
export function workerFile(
  bundle: Record<string, { type: string; fileName?: string }>,
  name: string,
): string | undefined {
  const re = new RegExp(`(^|/)${name}-[\\w-]+\\.js$`);
  return Object.values(bundle).find((f) => typeof f.fileName === 'string' && re.test(f.fileName))?.fileName;
}

/**
 * The inline script that starts the worker: the same decision as src/state/host.ts `simInWorker()` (Workers
 * exist and the address has no `?sim=main`), the same options as transports.ts, left on `window` for it.
 */
export function earlyWorkerScript(file: string): string {
  return `try{if(typeof Worker!=='undefined'&&!/[?&]sim=main/.test(location.search))window.__kubelabSimWorker=new Worker(new URL(${JSON.stringify(`./${file}`)},document.baseURI),{type:'module',name:'kubelab-sim'})}catch(e){}`;
}

export interface StartOrder {
  /** The first screen's chunks (modulepreload, their CSS linked). */
  first: readonly RegExp[];
  /**
   * Wanted right after it: modulepreload at low priority. Their CSS is linked with the first screen's: Vite's
   * loader of a lazy chunk waits for its stylesheet unless the page already links it (a round trip at mount).
   */
  next?: readonly RegExp[];
  /** The simulation worker's source name (`simWorker`), started from index.html. */
  worker?: string;
}

export function startOrderPlugin(order: StartOrder): Plugin {
  return {
    name: 'kubelab-start-order',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle) return html;
        const { js, css } = preloadList(ctx.bundle, order.first);
        const next = preloadList(ctx.bundle, order.next ?? [], new Set(js));
        const later = next.js;
        for (const f of next.css) if (!css.includes(f)) css.push(f);
        const worker = order.worker ? workerFile(ctx.bundle, order.worker) : undefined;
        const tags: HtmlTagDescriptor[] = [
          ...js.map((f) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `./${f}` },
            injectTo: 'head' as const,
          })),
          ...css.map((f) => ({
            tag: 'link',
            attrs: { rel: 'stylesheet', crossorigin: true, href: `./${f}` },
            injectTo: 'head' as const,
          })),
          ...later.map((f) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, fetchpriority: 'low', href: `./${f}` },
            injectTo: 'head' as const,
          })),
        ];
        // the worker's script right after the charset, before anything else the parser meets
        const out = worker
          ? html.replace(
              /<meta charset="[^"]*"\s*\/?>/i,
              (m) => `${m}\n    <script>${earlyWorkerScript(worker)}</script>`,
            )
          : html;
        if (worker && out === html)
          throw new Error('index.html: no <meta charset> to put the worker script after');
        return { html: out, tags };
      },
    },
  };
}
