import { describe, expect, it } from 'vitest';
import { earlyWorkerScript, preloadList, workerFile } from './startOrderPlugin';

const chunk = (
  fileName: string,
  facadeModuleId: string | null,
  imports: string[],
  isEntry = false,
  css: string[] = [],
) => ({
  type: 'chunk' as const,
  fileName,
  facadeModuleId,
  isEntry,
  imports,
  viteMetadata: { importedCss: new Set(css) },
});

describe('preloadList', () => {
  const bundle = Object.fromEntries(
    [
      chunk('assets/index.js', '/src/main.tsx', ['assets/react.js'], true),
      chunk('assets/react.js', null, []),
      chunk(
        'assets/Terminal.js',
        '/src/ui/terminal/TerminalPane.tsx',
        ['assets/react.js', 'assets/xterm.js'],
        false,
        ['assets/Terminal.css'],
      ),
      chunk('assets/xterm.js', null, []),
      chunk('assets/session.js', '/src/shell/session.ts', ['assets/sim.js', 'assets/xterm.js']),
      chunk('assets/sim.js', null, ['assets/react.js']),
      chunk('assets/Monaco.js', '/src/ui/editor/YamlEditor.tsx', ['assets/react.js']),
    ].map((c) => [c.fileName, c]),
  );

  it('announces the chosen chunks in order, each before its imports, nothing the entry already loads', () => {
    const { js, css } = preloadList(bundle, [/TerminalPane\.tsx$/, /shell\/session\.ts$/]);
    expect(js).toEqual(['assets/Terminal.js', 'assets/xterm.js', 'assets/session.js', 'assets/sim.js']);
    expect(css).toEqual(['assets/Terminal.css']);
  });

  it('leaves out what was not asked for, and skips a pattern that matches no chunk', () => {
    const { js } = preloadList(bundle, [/nothing-here/, /shell\/session\.ts$/]);
    expect(js).not.toContain('assets/Monaco.js');
    expect(js).toEqual(['assets/session.js', 'assets/sim.js', 'assets/xterm.js']);
  });
});

describe('the worker started from index.html', () => {
  const bundle = {
    'assets/index.js': { type: 'chunk', fileName: 'assets/index.js' },
    'assets/simWorker-Ab_1.js': { type: 'asset', fileName: 'assets/simWorker-Ab_1.js' },
    'assets/otherWorker-x.js': { type: 'asset', fileName: 'assets/otherWorker-x.js' },
  };

  it('finds the built worker by its source name', () => {
    expect(workerFile(bundle, 'simWorker')).toBe('assets/simWorker-Ab_1.js');
    expect(workerFile(bundle, 'missing')).toBeUndefined();
  });

  it('starts it as transports.ts would, unless the address asks for the page (?sim=main)', () => {
    const script = earlyWorkerScript('assets/simWorker-Ab_1.js');
    const made: { url: string; opts: unknown }[] = [];
    const run = (search: string) => {
      const win: { __kubelabSimWorker?: unknown } = {};
      class FakeWorker {
        constructor(url: URL, opts: unknown) {
          made.push({ url: url.href, opts });
        }
      }
      new Function('window', 'Worker', 'location', 'document', script)(
        win,
        FakeWorker,
        { search },
        { baseURI: 'https://example.org/lab/' },
      );
      return win.__kubelabSimWorker;
    };
    expect(run('')).toBeInstanceOf(Object);
    expect(made).toEqual([
      {
        url: 'https://example.org/lab/assets/simWorker-Ab_1.js',
        opts: { type: 'module', name: 'kubelab-sim' },
      },
    ]);
    expect(run('?sim=main')).toBeUndefined();
    expect(run('?relay=abc&sim=main')).toBeUndefined();
    expect(made).toHaveLength(1);
  });
});

describe('chunks wanted after the first screen', () => {
  it('leave out what the first screen already announced', () => {
    const bundle = Object.fromEntries(
      [
        chunk('assets/index.js', '/src/main.tsx', [], true),
        chunk('assets/Terminal.js', '/src/ui/terminal/TerminalPane.tsx', ['assets/shared.js']),
        chunk('assets/shared.js', null, []),
        chunk('assets/Diagram.js', '/src/ui/diagram/ClusterDiagram.tsx', [
          'assets/shared.js',
          'assets/flow.js',
        ]),
        chunk('assets/flow.js', null, []),
      ].map((c) => [c.fileName, c]),
    );
    const first = preloadList(bundle, [/TerminalPane\.tsx$/]).js;
    expect(first).toEqual(['assets/Terminal.js', 'assets/shared.js']);
    expect(preloadList(bundle, [/ClusterDiagram\.tsx$/], new Set(first)).js).toEqual([
      'assets/Diagram.js',
      'assets/flow.js',
    ]);
  });
});
