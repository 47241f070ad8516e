/**
 * The start order, in the built index.html: besides the entry, the chunks the first screen needs before anything
 * heavy (the terminal, the simulation, the lesson text) are `modulepreload`ed, so they download in parallel with
 * the entry instead of one after another (entry → React renders → lazy import → fetch). Their CSS is linked as
 * a stylesheet. Monaco, React Flow and the rest stay lazy and unannounced: they load when the studio asks.
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
): { js: string[]; css: string[] } {
  const chunks = Object.values(bundle).filter((c): c is ChunkLike => c.type === 'chunk');
  const byFile = new Map(chunks.map((c) => [c.fileName, c]));
  const entry = chunks.find((c) => c.isEntry);
  // what the entry already pulls in statically (Vite lists those itself)
  const known = new Set<string>();
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

export function startOrderPlugin(first: readonly RegExp[]): Plugin {
  return {
    name: 'kubelab-start-order',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        if (!ctx.bundle) return [];
        const { js, css } = preloadList(ctx.bundle, first);
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
        ];
        return tags;
      },
    },
  };
}
