import { describe, expect, it } from 'vitest';
import { preloadList } from './startOrderPlugin';

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
