/**
 * The terminal's line discipline, pure: turns xterm's input data into edits of one line, history moves,
 * completion and submitted commands, and says what to echo. Kept apart from xterm so it is unit-tested.
 */
export interface Completion {
  start: number;
  candidates: string[];
}

export interface LineEditorDeps {
  complete(line: string): Completion;
}

export type LineEvent =
  | { type: 'write'; text: string }
  | { type: 'submit'; line: string }
  | { type: 'interrupt' }
  | { type: 'clear' };

export const PROMPT = '\x1b[32m$\x1b[0m ';
const PROMPT_LEN = 2;

export class LineEditor {
  buffer = '';
  cursor = 0;
  history: string[] = [];
  private histIdx = -1;
  private draft = '';
  /** Lines of a multi-line paste or a heredoc, waiting for the closing marker. */
  private pending: string[] = [];
  private heredoc: string | undefined;

  constructor(private deps: LineEditorDeps) {}

  /** Feeds raw input (one key or a paste). */
  input(data: string): LineEvent[] {
    const out: LineEvent[] = [];
    let i = 0;
    while (i < data.length) {
      const rest = data.slice(i);
      // eslint-disable-next-line no-control-regex -- terminal escape sequences are the input here
      const esc = /^\x1b(\[[0-9;]*[A-Za-z~]|O[A-Za-z])/.exec(rest);
      if (esc) {
        this.escape(esc[1]!, out);
        i += esc[0].length;
        continue;
      }
      const ch = data[i]!;
      i++;
      if (ch === '\r' || ch === '\n') {
        if (ch === '\n' && data[i - 2] === '\r') continue;
        this.submit(out);
      } else if (ch === '\x7f' || ch === '\b') this.backspace(out);
      else if (ch === '\t') this.tab(out);
      else if (ch === '\x03') {
        out.push({ type: 'write', text: '^C\r\n' });
        this.buffer = '';
        this.cursor = 0;
        this.pending = [];
        this.heredoc = undefined;
        out.push({ type: 'interrupt' });
        out.push({ type: 'write', text: PROMPT });
      } else if (ch === '\x0c') {
        out.push({ type: 'clear' });
        out.push({ type: 'write', text: PROMPT + this.buffer + this.back(this.buffer.length - this.cursor) });
      } else if (ch === '\x01') this.moveTo(0, out);
      else if (ch === '\x05') this.moveTo(this.buffer.length, out);
      else if (ch === '\x15') this.replace(this.buffer.slice(this.cursor), 0, out);
      else if (ch === '\x0b') this.replace(this.buffer.slice(0, this.cursor), this.cursor, out);
      else if (ch === '\x17') {
        const left = this.buffer.slice(0, this.cursor).replace(/\S+\s*$/, '');
        this.replace(left + this.buffer.slice(this.cursor), left.length, out);
      } else if (ch >= ' ') {
        this.buffer = this.buffer.slice(0, this.cursor) + ch + this.buffer.slice(this.cursor);
        this.cursor++;
        const tail = this.buffer.slice(this.cursor);
        out.push({ type: 'write', text: ch + tail + this.back(tail.length) });
      }
    }
    return merge(out);
  }

  private back(n: number): string {
    return n > 0 ? `\x1b[${n}D` : '';
  }

  private escape(seq: string, out: LineEvent[]): void {
    switch (seq) {
      case '[A':
      case 'OA':
        return this.historyMove(1, out);
      case '[B':
      case 'OB':
        return this.historyMove(-1, out);
      case '[C':
      case 'OC':
        if (this.cursor < this.buffer.length) {
          this.cursor++;
          out.push({ type: 'write', text: '\x1b[C' });
        }
        return;
      case '[D':
      case 'OD':
        if (this.cursor > 0) {
          this.cursor--;
          out.push({ type: 'write', text: '\x1b[D' });
        }
        return;
      case '[H':
      case 'OH':
      case '[1~':
        return this.moveTo(0, out);
      case '[F':
      case 'OF':
      case '[4~':
        return this.moveTo(this.buffer.length, out);
      case '[3~':
        if (this.cursor < this.buffer.length)
          this.replace(
            this.buffer.slice(0, this.cursor) + this.buffer.slice(this.cursor + 1),
            this.cursor,
            out,
          );
        return;
    }
  }

  private moveTo(pos: number, out: LineEvent[]): void {
    const d = pos - this.cursor;
    if (d < 0) out.push({ type: 'write', text: `\x1b[${-d}D` });
    if (d > 0) out.push({ type: 'write', text: `\x1b[${d}C` });
    this.cursor = pos;
  }

  /** Redraws the line with new content and cursor. */
  private replace(text: string, cursor: number, out: LineEvent[]): void {
    const prompt = this.pending.length || this.heredoc ? '> ' : PROMPT;
    this.buffer = text;
    this.cursor = cursor;
    out.push({ type: 'write', text: `\r\x1b[2K${prompt}${text}${this.back(text.length - cursor)}` });
  }

  private backspace(out: LineEvent[]): void {
    if (this.cursor === 0) return;
    this.replace(
      this.buffer.slice(0, this.cursor - 1) + this.buffer.slice(this.cursor),
      this.cursor - 1,
      out,
    );
  }

  private historyMove(dir: 1 | -1, out: LineEvent[]): void {
    if (!this.history.length) return;
    if (this.histIdx === -1) this.draft = this.buffer;
    const next = Math.max(-1, Math.min(this.history.length - 1, this.histIdx + dir));
    if (next === this.histIdx) return;
    this.histIdx = next;
    const text = next === -1 ? this.draft : this.history[this.history.length - 1 - next]!;
    this.replace(text, text.length, out);
  }

  private tab(out: LineEvent[]): void {
    const before = this.buffer.slice(0, this.cursor);
    const { start, candidates } = this.deps.complete(before);
    if (!candidates.length) return;
    const word = before.slice(start);
    const common = candidates.reduce((a, b) => {
      let i = 0;
      while (i < a.length && i < b.length && a[i] === b[i]) i++;
      return a.slice(0, i);
    });
    if (candidates.length === 1) {
      const ins =
        candidates[0]!.slice(word.length) +
        (candidates[0]!.endsWith('/') || candidates[0]!.endsWith('=') ? '' : ' ');
      const text = before + ins + this.buffer.slice(this.cursor);
      this.replace(text, this.cursor + ins.length, out);
    } else if (common.length > word.length) {
      const ins = common.slice(word.length);
      this.replace(before + ins + this.buffer.slice(this.cursor), this.cursor + ins.length, out);
    } else {
      out.push({ type: 'write', text: `\r\n${formatColumns(candidates)}\r\n` });
      this.replace(this.buffer, this.cursor, out);
    }
  }

  private submit(out: LineEvent[]): void {
    const line = this.buffer;
    out.push({ type: 'write', text: '\r\n' });
    this.buffer = '';
    this.cursor = 0;
    this.histIdx = -1;
    // continuation lines: `\` at the end, or inside a heredoc until its marker
    if (this.heredoc !== undefined) {
      this.pending.push(line);
      if (line.trim() === this.heredoc) {
        this.heredoc = undefined;
        return this.flush(out);
      }
      out.push({ type: 'write', text: '> ' });
      return;
    }
    const hd = /<<-?\s*['"]?(\w+)['"]?/.exec(line);
    if (line.endsWith('\\') || hd) {
      this.pending.push(line);
      if (hd) this.heredoc = hd[1];
      out.push({ type: 'write', text: '> ' });
      return;
    }
    this.pending.push(line);
    this.flush(out);
  }

  private flush(out: LineEvent[]): void {
    const text = this.pending.join('\n');
    this.pending = [];
    if (text.trim()) {
      if (this.history[this.history.length - 1] !== text) this.history.push(text);
      out.push({ type: 'submit', line: text });
    } else out.push({ type: 'write', text: PROMPT });
  }
}

function merge(events: LineEvent[]): LineEvent[] {
  const out: LineEvent[] = [];
  for (const e of events) {
    const last = out[out.length - 1];
    if (e.type === 'write' && last?.type === 'write') last.text += e.text;
    else out.push(e.type === 'write' ? { ...e } : e);
  }
  return out;
}

/** Candidates in columns, as bash lists them. */
export function formatColumns(items: string[], width = 80): string {
  const w = Math.max(...items.map((s) => s.length)) + 2;
  const cols = Math.max(1, Math.floor(width / w));
  const rows: string[] = [];
  for (let i = 0; i < items.length; i += cols)
    rows.push(
      items
        .slice(i, i + cols)
        .map((s) => s.padEnd(w))
        .join('')
        .trimEnd(),
    );
  return rows.join('\r\n');
}

export { PROMPT_LEN };
