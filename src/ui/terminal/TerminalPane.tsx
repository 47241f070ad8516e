import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Terminal, type ITheme } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { getHost, type RemoteHost } from '../../state/host';
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
/** Output as whole lines for the terminal: CRLF, and a final line end so the prompt starts on its own line. */
const asLines = (s: string) => crlf(s.endsWith('\n') ? s : s + '\n');

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
    // completion is asked of the simulation (in its worker) before the Tab reaches the line editor (see `handle`)
    let completion: Completion = { start: 0, candidates: [] };
    const ed = new LineEditor({ complete: () => completion });
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
    let disposed = false;
    let offOut: (() => void) | undefined;
    // once the simulation runs: last visit's history (↑), its language, its output (watches, buttons, menus
    // echo their commands)
    const attach = (): RemoteHost | undefined => {
      const host = getHost();
      if (!host || disposed) return undefined;
      if (!offOut) {
        ed.history.unshift(...restoredHistory());
        host.setLang(langRef.current);
        offOut = host.onOutput((text) => {
          pristineRef.current = false;
          const shown = asLines(text);
          screen.append(shown);
          term.write('\r\x1b[2K' + shown + redrawInput());
        });
      }
      return host;
    };
    // The simulation's arrival, watched once: a task after the start, so the lesson marks where its step began
    // first (lesson/player.ts whenHostReady).
    let offReady: (() => void) | undefined;
    const arrived = new Promise<RemoteHost>((resolve) => {
      const now = attach();
      if (now) return resolve(now);
      offReady = useStudio.subscribe((st) => {
        if (st.ready !== 'yes') return;
        offReady?.();
        offReady = undefined;
        setTimeout(() => {
          const h = attach();
          if (h) resolve(h);
        }, 0);
      });
    });
    // A command submitted before the simulation runs waits for it (the terminal says so); what is typed meanwhile
    // queues behind it, as behind a running command. Ctrl+C while it waits drops it and the queue.
    let cancelWait: (() => void) | undefined;
    const waitForHost = () =>
      new Promise<RemoteHost | undefined>((resolve) => {
        cancelWait = () => resolve(undefined);
        void arrived.then(resolve);
      }).finally(() => (cancelWait = undefined));
    // Input is handled in order, one chunk at a time: a command's output (from the worker) comes before what
    // was typed after it, as in a real terminal.
    const handle = async (data: string) => {
      for (const part of data.split(/(\t)/)) {
        if (!part) continue;
        if (part === '\t') {
          const h = attach();
          completion = h
            ? await h.session.complete(ed.buffer.slice(0, ed.cursor))
            : { start: 0, candidates: [] };
        }
        for (const ev of ed.input(part)) {
          if (ev.type === 'write') term.write(ev.text);
          else if (ev.type === 'interrupt') attach()?.session.interrupt();
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
            let host = attach();
            if (!host) {
              // honest about the wait; the line runs (and this note goes) when the simulation is ready
              term.write(`\x1b[2m${startingRef.current}\x1b[0m`);
              host = await waitForHost();
              if (disposed) return;
              if (!host) {
                term.write('\r\x1b[2K^C\r\n' + PROMPT);
                return;
              }
              term.write('\r\x1b[2K');
            }
            const r = await host.exec(ev.line);
            const shown = r.output ? asLines(r.output) : '';
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
        while (queue.length && !disposed) await handle(queue.shift()!);
      } finally {
        busy = false;
      }
    };
    const sub = term.onData((data) => {
      pristineRef.current = false;
      if (cancelWait && data.includes('\x03')) {
        // Ctrl+C while a command waits for the simulation: it and everything queued behind it go
        queue.length = 0;
        cancelWait();
        data = data.slice(data.lastIndexOf('\x03') + 1);
        if (!data) return;
      }
      queue.push(data);
      void pump();
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
      cancelWait?.();
      offReady?.();
      offOut?.();
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
