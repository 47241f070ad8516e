import { describe, expect, it } from 'vitest';
import { createSession } from './session';
import { shellMessage } from './messages';

describe('the shell answers in the learner language', () => {
  it('says "command not found" and help in Chinese when asked, English by default', () => {
    const s = createSession({ mode: 'interactive' });
    expect(s.exec('kubctl get pods').output).toMatch(/^kubctl: command not found\nAvailable commands: /);
    s.lang = 'zh';
    const nf = s.exec('kubctl get pods').output;
    expect(nf).toMatch(/^kubctl：找不到命令\n可用的命令：.*kubectl.*。输入 help 查看更多。\n$/);
    const help = s.exec('help').output;
    expect(help).toContain('命令：');
    expect(help).toContain('列出可用命令');
    expect(s.exec('help nope').output).toBe('help：没有这个命令：nope\n');
    // kubectl's own output stays as the real tool prints it
    expect(s.exec('kubectl get nodes').output).toMatch(/^NAME\s+STATUS/);
  });

  it('has the same placeholders in both languages', () => {
    for (const key of ['commandNotFound', 'helpNoSuch', 'helpHeader', 'helpFooter'] as const) {
      const ph = (l: 'en' | 'zh') => (shellMessage(l, key).match(/\{\w+\}/g) ?? []).sort();
      expect(ph('zh'), key).toEqual(ph('en'));
    }
  });
});
