/**
 * The command language's syntax: a script is lines a learner would type, with `#` comments, `\` continuations
 * and `<<EOF` heredocs; a line is a pipeline of words (`|`), optionally redirected (`> file`), and lines may be
 * chained with `&&`, `||` and `;`, or end in `&` (background).
 */

/** One command as typed: its source text (for the transcript) and its heredoc body. */
export interface ScriptCommand {
  /** The line(s) as typed, continuations joined, heredoc included (for echoing). */
  source: string;
  /** The command line with continuations joined, heredoc marker kept. */
  line: string;
  /** Heredoc text, if any (without the terminator line). */
  heredoc?: string;
  /** 1-based line number in the script. */
  lineNo: number;
}

/** Splits a script into commands. Comment-only and blank lines are dropped. */
export function splitScript(text: string): ScriptCommand[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: ScriptCommand[] = [];
  let i = 0;
  while (i < lines.length) {
    const startNo = i + 1;
    let line = lines[i]!;
    const sourceLines = [line];
    i++;
    while (/(^|[^\\])(\\\\)*\\$/.test(line) && i < lines.length) {
      line = line.slice(0, -1) + lines[i]!.replace(/^\s*/, ' ');
      sourceLines.push(lines[i]!);
      i++;
    }
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    // Find `<<` outside quotes, then read the (possibly quoted) delimiter from the line itself.
    const at = stripQuoted(line).indexOf('<<');
    const hd = at >= 0 ? /^<<(-?)\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2/.exec(line.slice(at)) : null;
    let heredoc: string | undefined;
    if (hd) {
      const strip = hd[1] === '-';
      const term = hd[3]!;
      const body: string[] = [];
      while (i < lines.length) {
        const l = lines[i]!;
        sourceLines.push(l);
        i++;
        if ((strip ? l.replace(/^\t+/, '') : l).trim() === term) break;
        body.push(strip ? l.replace(/^\t+/, '') : l);
      }
      heredoc = body.join('\n') + '\n';
    }
    out.push({
      source: sourceLines.join('\n'),
      line: trimmed,
      ...(heredoc !== undefined ? { heredoc } : {}),
      lineNo: startNo,
    });
  }
  return out;
}

/** Replaces quoted parts with spaces of the same length, so structure can be found outside quotes. */
function stripQuoted(s: string): string {
  let out = '';
  let q: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (q) {
      if (c === q) q = null;
      out += ' ';
    } else if (c === '"' || c === "'") {
      q = c;
      out += ' ';
    } else out += c;
  }
  return out;
}

export interface SimpleCommand {
  argv: string[];
  /** `> file` / `>> file` */
  redirect?: { path: string; append: boolean };
  /** `< file` */
  input?: string;
  /** Whether the words had a heredoc marker (stdin comes from the heredoc). */
  heredoc: boolean;
}

export interface Pipeline {
  commands: SimpleCommand[];
  /** How this pipeline joins the next: `&&`, `||`, `;`, `&` (runs in the background) or end. */
  next?: '&&' | '||' | ';' | '&';
}

export class ParseError extends Error {}

/** Tokenizes a command line into pipelines. Quotes and backslashes work as in sh; no expansion. */
export function parseLine(line: string): Pipeline[] {
  const pipelines: Pipeline[] = [];
  let cmd: SimpleCommand = { argv: [], heredoc: false };
  let pipeline: Pipeline = { commands: [] };
  let word = '';
  let inWord = false;
  let pendingRedirect: 'out' | 'append' | 'in' | null = null;
  const endWord = () => {
    if (!inWord) return;
    if (pendingRedirect === 'out' || pendingRedirect === 'append')
      cmd.redirect = { path: word, append: pendingRedirect === 'append' };
    else if (pendingRedirect === 'in') cmd.input = word;
    else cmd.argv.push(word);
    pendingRedirect = null;
    word = '';
    inWord = false;
  };
  const endCommand = () => {
    endWord();
    if (pendingRedirect) throw new ParseError("syntax error near unexpected token `newline'");
    if (cmd.argv.length) pipeline.commands.push(cmd);
    else if (pipeline.commands.length) throw new ParseError("syntax error near unexpected token `|'");
    cmd = { argv: [], heredoc: false };
  };
  const endPipeline = (next?: Pipeline['next']) => {
    endCommand();
    if (pipeline.commands.length) {
      if (next) pipeline.next = next;
      pipelines.push(pipeline);
    } else if (next) throw new ParseError(`syntax error near unexpected token \`${next}'`);
    pipeline = { commands: [] };
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const j = line.indexOf("'", i + 1);
      if (j < 0) throw new ParseError("unexpected EOF while looking for matching `''");
      word += line.slice(i + 1, j);
      inWord = true;
      i = j;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1]!)) {
          j++;
        }
        word += line[j];
      }
      if (j >= line.length) throw new ParseError('unexpected EOF while looking for matching `"\'');
      inWord = true;
      i = j;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (c === ' ' || c === '\t') {
      endWord();
    } else if (c === '#' && !inWord) {
      break;
    } else if (c === '<' && line[i + 1] === '<') {
      endWord();
      // heredoc marker: skip the delimiter word
      let j = i + 2;
      if (line[j] === '-') j++;
      while (line[j] === ' ') j++;
      const m = /^(['"]?)[A-Za-z_][A-Za-z0-9_]*\1/.exec(line.slice(j));
      i = j + (m ? m[0].length : 0) - 1;
      cmd.heredoc = true;
    } else if (c === '<') {
      endWord();
      pendingRedirect = 'in';
    } else if (c === '>' && line[i + 1] === '>') {
      endWord();
      pendingRedirect = 'append';
      i++;
    } else if (c === '2' && line.slice(i, i + 4) === '2>&1' && !inWord) {
      i += 3;
    } else if (c === '>') {
      endWord();
      pendingRedirect = 'out';
    } else if (c === '|' && line[i + 1] === '|') {
      endPipeline('||');
      i++;
    } else if (c === '|') {
      endCommand();
    } else if (c === '&' && line[i + 1] === '&') {
      endPipeline('&&');
      i++;
    } else if (c === ';') {
      endPipeline(';');
    } else if (c === '&') {
      endPipeline('&');
    } else {
      word += c;
      inWord = true;
    }
  }
  endPipeline();
  return pipelines;
}

/** Quotes a word for display when needed. */
export function quoteWord(w: string): string {
  return /^[A-Za-z0-9_./:=,@%+-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}
