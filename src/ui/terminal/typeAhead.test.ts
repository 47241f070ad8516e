import { describe, expect, it } from 'vitest';
import { splitAfterLineEnds, TypeAhead } from './typeAhead';

/** A stand-in for the terminal: lines end at `\r`; a line submitted while `ready` is false waits. */
function rig() {
  let ready = false;
  let buffer = '';
  const ran: string[] = [];
  const cancelled: number[] = [];
  const ta = new TypeAhead();
  const run = (line: string) => ran.push(line);
  const feed = (piece: string) => {
    for (const ch of piece) {
      if (ch === '\r') {
        const line = buffer;
        buffer = '';
        if (ready) run(line);
        else ta.hold(line);
      } else if (ch !== '\n' && ch !== '\x03') buffer += ch;
      else if (ch === '\x03') buffer = '';
    }
  };
  const onCancel = () => cancelled.push(ran.length);
  return {
    ta,
    ran,
    cancelled,
    type: (s: string) => ta.input(s, feed, onCancel),
    start: () => {
      ready = true;
      ta.release(run, feed, onCancel);
    },
    buffer: () => buffer,
  };
}

describe('splitAfterLineEnds', () => {
  it('keeps each line end with its line, \\r\\n as one', () => {
    expect(splitAfterLineEnds('a\rb\r\nc\nd')).toEqual(['a\r', 'b\r\n', 'c\n', 'd']);
    expect(splitAfterLineEnds('')).toEqual([]);
    expect(splitAfterLineEnds('\x1b[A')).toEqual(['\x1b[A']);
  });
});

describe('TypeAhead', () => {
  it('runs a command typed before the start once the simulation runs, and what was typed after it', () => {
    const r = rig();
    r.type('kubectl get nodes\r');
    expect(r.ta.waiting).toBe(true);
    r.type('kubectl get');
    r.type(' pods\rsim ti');
    r.type('me\rdocker p');
    expect(r.ran).toEqual([]);
    r.start();
    expect(r.ran).toEqual(['kubectl get nodes', 'kubectl get pods', 'sim time']);
    expect(r.buffer()).toBe('docker p');
    expect(r.ta.waiting).toBe(false);
  });

  it('holds the rest of a paste after the first line that waits', () => {
    const r = rig();
    r.type('a\rb\rc');
    expect(r.ran).toEqual([]);
    r.start();
    expect(r.ran).toEqual(['a', 'b']);
    expect(r.buffer()).toBe('c');
  });

  it('passes input straight through once running', () => {
    const r = rig();
    r.start();
    r.type('x\ry\r');
    expect(r.ran).toEqual(['x', 'y']);
  });

  it('drops the waiting command and the queue on Ctrl+C, and keeps what follows it', () => {
    const r = rig();
    r.type('kubectl get nodes\r');
    r.type('more\r');
    r.type('\x03');
    expect(r.cancelled).toEqual([0]);
    expect(r.ta.waiting).toBe(false);
    r.type('ls');
    r.start();
    expect(r.ran).toEqual([]);
    expect(r.buffer()).toBe('ls');
  });
});
