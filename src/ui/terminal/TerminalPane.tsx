import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Terminal, type ITheme } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { getHost } from '../../state/host';
import { useStudio } from '../../state/store';
import { LineEditor, PROMPT, type Completion } from './lineEditor';
import { restoredHistory, setHistorySource } from '../../state/persist';
import { useLessonStore } from '../lesson/lessonStore';
import { MaximizeButton } from '../layout/MaximizeButton';
import { Scrollback } from './scrollback';

/** On a projector the room reads the terminal: never smaller than this in presenter view. */
const PRESENTER_MIN_FONT = 18;

const LIGHT: ITheme = {
  background: '#fbfbfb',
  foreground: '#1d1d1f',
  cursor: '#0b5cad',
  selectionBackground: '#b3d4fc',
  green: '#007a55',
  red: '#b3261e',
  yellow: '#8a6100',
  blue: '#0b5cad',
};
const DARK: ITheme = {
  background: '#15171a',
  foreground: '#e6e6e6',
  cursor: '#7cc4ff',
  selectionBackground: '#35506b',
  green: '#4cc38a',
  red: '#ff7b72',
  yellow: '#e3b341',
  blue: '#7cc4ff',
};

const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');

/** xterm.js running the command language: history, Tab completion, Ctrl+C, clear, help, live watches, copy/paste. */
const TerminalPane = memo(function TerminalPane() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const ref = useRef<HTMLDivElement>(null);
  const termRef = useRef<Terminal | undefined>(undefined);
  const theme = useStudio((s) => s.ui.theme);
  const fontSize = useStudio((s) => s.ui.fontSize);
  const presenter = useLessonStore((s) => s.presenter);
  const size = presenter ? Math.max(PRESENTER_MIN_FONT, fontSize) : fontSize;
  const fitRef = useRef<FitAddon | undefined>(undefined);
  const sizeRef = useRef(size);
  sizeRef.current = size;
  const label = t('terminal.label');
  const welcomeRef = useRef(t('terminal.welcome'));
  const restoredNote = useRef(t('scrollback.restored'));
  /** Nothing typed or printed since the welcome: a language switch may rewrite it. */
  const pristineRef = useRef(true);

  useEffect(() => {
    const host = getHost();
    const el = ref.current;
    if (!host || !el) return;
    const term = new Terminal({
      fontFamily: '"DejaVu Sans Mono", "Noto Sans Mono CJK SC", Menlo, Consolas, monospace',
      fontSize: sizeRef.current,
      cursorBlink: true,
      convertEol: false,
      scrollback: 5000,
      allowProposedApi: false,
      theme: useStudio.getState().ui.theme === 'dark' ? DARK : LIGHT,
    });
    const fit = new FitAddon();
    fitRef.current = fit;
    term.loadAddon(fit);
    term.open(el);
    termRef.current = term;
    // completion is asked of the simulation worker before the Tab reaches the line editor (see `handle`)
    let completion: Completion = { start: 0, candidates: [] };
    const ed = new LineEditor({ complete: () => completion });
    // the history of the last visit comes back (↑ recalls the last command after a reload)
    ed.history.push(...restoredHistory());
    setHistorySource(() => ed.history);
    const redrawInput = () =>
      '\r\x1b[2K' +
      PROMPT +
      ed.buffer +
      (ed.buffer.length > ed.cursor ? `\x1b[${ed.buffer.length - ed.cursor}D` : '');
    // the screen of the last visit comes back above the banner (its commands are ↑ away)
    const screen = new Scrollback();
    const earlier = screen.restore();
    if (earlier) {
      pristineRef.current = false;
      term.write(`${earlier}\x1b[0m\x1b[3m${restoredNote.current}\x1b[0m\r\n`);
    }
    term.write(`\x1b[1m${welcomeRef.current}\x1b[0m\r\n${PROMPT}`);
    // Input is handled in order, one chunk at a time: a command's output (from the worker) comes before what
    // was typed after it, as in a real terminal.
    const handle = async (data: string) => {
      for (const part of data.split(/(\t)/)) {
        if (!part) continue;
        if (part === '\t') completion = await host.session.complete(ed.buffer.slice(0, ed.cursor));
        for (const ev of ed.input(part)) {
          if (ev.type === 'write') term.write(ev.text);
          else if (ev.type === 'interrupt') host.session.interrupt();
          else if (ev.type === 'clear') {
            screen.clear();
            term.clear();
          } else if (ev.type === 'submit') {
            const line = ev.line.trim();
            if (line === 'clear') {
              screen.clear();
              term.clear();
              term.write('\x1b[2J\x1b[H' + PROMPT);
              continue;
            }
            const r = await host.exec(ev.line);
            const shown = r.output ? crlf(r.output.endsWith('\n') ? r.output : r.output + '\n') : '';
            screen.append(crlf(`${PROMPT}${ev.line}\n`) + shown);
            if (shown) term.write(shown);
            term.write(PROMPT);
          }
        }
      }
    };
    const queue: string[] = [];
    let busy = false;
    const pump = async () => {
      if (busy) return;
      busy = true;
      try {
        while (queue.length) await handle(queue.shift()!);
      } finally {
        busy = false;
      }
    };
    const sub = term.onData((data) => {
      pristineRef.current = false;
      queue.push(data);
      void pump();
    });
    // output from watches and from buttons / menus (echoed commands)
    const offOut = host.onOutput((text) => {
      pristineRef.current = false;
      const shown = crlf(text.endsWith('\n') ? text : text + '\n');
      screen.append(shown);
      term.write('\r\x1b[2K' + shown + redrawInput());
    });
    // Esc then Tab leaves the terminal (WCAG 2.1.2: no keyboard trap); Tab alone still completes.
    let escaped = false;
    term.attachCustomKeyEventHandler((e) => {
      if (e.type === 'keydown') {
        if (e.key === 'Tab' && escaped) {
          escaped = false;
          return false; // the browser moves focus on
        }
        if (e.key !== 'Shift') escaped = e.key === 'Escape';
      }
      // Ctrl+C with a selection copies (and Ctrl+Shift+C always does); without one it interrupts.
      if (
        e.type === 'keydown' &&
        e.ctrlKey &&
        (e.key === 'c' || e.key === 'C') &&
        (term.hasSelection() || e.shiftKey)
      ) {
        void navigator.clipboard?.writeText(term.getSelection()).catch(() => undefined);
        return false;
      }
      if (e.type === 'keydown' && e.ctrlKey && e.shiftKey && (e.key === 'v' || e.key === 'V')) return false; // browser paste
      return true;
    });
    const ro = new ResizeObserver(() => {
      try {
        fit.fit();
      } catch {
        /* hidden */
      }
    });
    ro.observe(el);
    (window as unknown as { __kubelabTerm?: { term: Terminal; editor: LineEditor } }).__kubelabTerm = {
      term,
      editor: ed,
    };
    return () => {
      ro.disconnect();
      setHistorySource(undefined);
      sub.dispose();
      offOut();
      screen.dispose();
      term.dispose();
      termRef.current = undefined;
    };
  }, []);

  useEffect(() => {
    ref.current?.querySelector('textarea')?.setAttribute('aria-label', label);
  }, [label]);

  useEffect(() => void getHost()?.setLang(lang), [lang]);

  // the welcome follows a language switch made before the first command
  const welcome = t('terminal.welcome');
  useEffect(() => {
    const term = termRef.current;
    if (!term || !pristineRef.current || welcomeRef.current === welcome) return;
    welcomeRef.current = welcome;
    term.write(`\x1b[2J\x1b[3J\x1b[H\x1b[1m${welcome}\x1b[0m\r\n${PROMPT}`);
  }, [welcome]);

  useEffect(() => {
    if (termRef.current) termRef.current.options.theme = theme === 'dark' ? DARK : LIGHT;
  }, [theme]);

  useEffect(() => {
    const term = termRef.current;
    if (!term || term.options.fontSize === size) return;
    term.options.fontSize = size;
    try {
      fitRef.current?.fit();
    } catch {
      /* hidden */
    }
  }, [size]);

  return (
    <section
      id="terminal-pane"
      className="pane terminal"
      aria-label={t('pane.terminal')}
      tabIndex={-1}
      onFocus={(e) => {
        if (e.target === e.currentTarget) termRef.current?.focus();
      }}
    >
      <div className="pane-title">
        <span>{t('pane.terminal')}</span>
        <span className="pane-hint">{t('terminal.keys')}</span>
        <span className="font-size" role="group" aria-label={t('layout.fontSize')}>
          <button
            type="button"
            className="icon-btn"
            data-testid="font-smaller"
            aria-label={t('layout.smaller')}
            title={t('layout.smaller')}
            onClick={() => useStudio.getState().setUi({ fontSize: Math.max(10, fontSize - 1) })}
          >
            A−
          </button>
          <button
            type="button"
            className="icon-btn"
            data-testid="font-larger"
            aria-label={t('layout.larger')}
            title={t('layout.larger')}
            onClick={() => useStudio.getState().setUi({ fontSize: Math.min(28, fontSize + 1) })}
          >
            A+
          </button>
        </span>
        <MaximizeButton pane="terminal" />
      </div>
      <div className="term-host" ref={ref} data-testid="terminal" />
    </section>
  );
});

export default TerminalPane;
