import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Terminal, type ITheme } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { getHost } from '../../state/host';
import { useStudio } from '../../state/store';
import { LineEditor, PROMPT } from './lineEditor';
import { TypeAhead } from './typeAhead';
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
  const startingRef = useRef(t('terminal.starting'));
  startingRef.current = t('terminal.starting');
  const langRef = useRef<'en' | 'zh'>(lang);
  langRef.current = lang;
  const restoredNote = useRef(t('scrollback.restored'));
  /** Nothing typed or printed since the welcome: a language switch may rewrite it. */
  const pristineRef = useRef(true);

  // The terminal opens before the simulation runs (it takes keys at once): what needs the simulation waits for it.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
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
    const ed = new LineEditor({
      complete: (line) => getHost()?.session.complete(line) ?? { start: line.length, candidates: [] },
    });
    setHistorySource(() => ed.history);
    const typeAhead = new TypeAhead();
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
    const runLine = (text: string) => {
      const host = getHost();
      if (!host) {
        // honest about the wait; the line runs (and this note goes) when the simulation is ready
        typeAhead.hold(text);
        term.write(`\x1b[2m${startingRef.current}\x1b[0m`);
        return;
      }
      const r = host.exec(text);
      const shown = r.output ? crlf(r.output.endsWith('\n') ? r.output : r.output + '\n') : '';
      screen.append(crlf(`${PROMPT}${text}\n`) + shown);
      if (shown) term.write(shown);
      term.write(PROMPT);
    };
    const feed = (data: string) => {
      for (const ev of ed.input(data)) {
        if (ev.type === 'write') term.write(ev.text);
        else if (ev.type === 'interrupt') getHost()?.session.interrupt();
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
          runLine(ev.line);
        }
      }
    };
    const cancelWaiting = () => term.write('\r\x1b[2K^C\r\n' + PROMPT);
    const sub = term.onData((data) => {
      pristineRef.current = false;
      typeAhead.input(data, feed, cancelWaiting);
    });
    // once the simulation runs: last visit's history (↑), its language, its output (watches, buttons, menus
    // echo their commands), then what was typed meanwhile
    let offOut: (() => void) | undefined;
    let disposed = false;
    const attach = () => {
      const host = getHost();
      if (!host || offOut || disposed) return;
      ed.history.unshift(...restoredHistory());
      host.setLang(langRef.current);
      offOut = host.onOutput((text) => {
        pristineRef.current = false;
        const shown = crlf(text.endsWith('\n') ? text : text + '\n');
        screen.append(shown);
        term.write('\r\x1b[2K' + shown + redrawInput());
      });
      typeAhead.release(
        (line) => {
          term.write('\r\x1b[2K');
          runLine(line);
        },
        feed,
        cancelWaiting,
      );
    };
    attach();
    // a task after the start: the lesson marks where its step began first (lesson/player.ts whenHostReady)
    const offReady = offOut
      ? undefined
      : useStudio.subscribe((st) => {
          if (st.ready === 'yes') setTimeout(attach, 0);
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
      disposed = true;
      offOut?.();
      offReady?.();
      screen.dispose();
      term.dispose();
      termRef.current = undefined;
    };
  }, []);

  useEffect(() => {
    ref.current?.querySelector('textarea')?.setAttribute('aria-label', label);
  }, [label]);

  useEffect(() => getHost()?.setLang(lang), [lang]);

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
