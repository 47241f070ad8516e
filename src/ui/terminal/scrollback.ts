/**
 * The terminal's visible output survives a reload: what was printed (commands as typed at the prompt, their output,
 * watches, echoed button commands — ANSI colours included) is kept in localStorage, bounded to the last
 * `MAX_LINES` lines and `MAX_CHARS` characters, and written back when the terminal opens again.
 * The cluster itself comes back by replay (src/state/persist.ts); this is only the screen.
 */
export const SCROLLBACK_KEY = 'kubelab.scrollback';
export const MAX_LINES = 500;
export const MAX_CHARS = 100_000;

/** The last `maxLines` lines and `maxChars` characters of `text`, cut at a line start (never inside an escape). */
export function bound(text: string, maxLines = MAX_LINES, maxChars = MAX_CHARS): string {
  let out = text;
  if (out.length > maxChars) {
    const cut = out.indexOf('\n', out.length - maxChars);
    out = cut < 0 ? '' : out.slice(cut + 1);
  }
  let lines = 0;
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] === '\n' && i < out.length - 1 && ++lines >= maxLines) return out.slice(i + 1);
  }
  return out;
}

interface Store {
  getItem(k: string): string | null;
  setItem(k: string, v: string): void;
  removeItem(k: string): void;
}

export class Scrollback {
  private text = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly onHide = () => this.save();

  constructor(
    private readonly store: Store | undefined = safeStorage(),
    private readonly saveDelayMs = 400,
  ) {
    if (typeof window !== 'undefined') window.addEventListener('pagehide', this.onHide);
  }

  /** What the last visit left on screen (bounded), or '' — and it becomes the start of this visit's record. */
  restore(): string {
    try {
      this.text = bound(this.store?.getItem(SCROLLBACK_KEY) ?? '');
    } catch {
      this.text = '';
    }
    return this.text;
  }

  /** Records text as written to the terminal (CRLF line ends, ANSI allowed). */
  append(s: string): void {
    if (!s) return;
    this.text += s;
    // trimming is cheap but not free: only when well past the bound
    if (this.text.length > MAX_CHARS * 1.2) this.text = bound(this.text);
    this.timer ??= setTimeout(() => this.save(), this.saveDelayMs);
  }

  /** `clear` in the terminal: nothing of the earlier screen comes back. */
  clear(): void {
    this.text = '';
    this.save();
  }

  save(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    try {
      this.text = bound(this.text);
      if (this.text) this.store?.setItem(SCROLLBACK_KEY, this.text);
      else this.store?.removeItem(SCROLLBACK_KEY);
    } catch {
      /* quota or blocked: the screen simply is not kept */
    }
  }

  dispose(): void {
    this.save();
    if (typeof window !== 'undefined') window.removeEventListener('pagehide', this.onHide);
  }
}

function safeStorage(): Store | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}
