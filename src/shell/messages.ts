/**
 * The shell's own texts (not kubectl's or docker's, which stay as the real tools print them), in English and
 * Chinese. The session reads them by its `lang`; scripts and the headless runner use English.
 */
export type ShellLang = 'en' | 'zh';

const en = {
  commandNotFound: "{name}: command not found\nAvailable commands: {names}. Type 'help' for more.\n",
  helpNoSuch: 'help: no such command: {name}\n',
  helpHeader: 'Commands:\n',
  helpFooter: '  (filters after |: {filters})\nType `<command> --help` or `help <command>` for details.\n',
};

const zh: typeof en = {
  commandNotFound: '{name}：找不到命令\n可用的命令：{names}。输入 help 查看更多。\n',
  helpNoSuch: 'help：没有这个命令：{name}\n',
  helpHeader: '命令：\n',
  helpFooter: '  （| 之后可用的过滤器：{filters}）\n输入 `<命令> --help` 或 `help <命令>` 查看详情。\n',
};

export type ShellMessage = keyof typeof en;

/** A message in `lang`, with `{name}` placeholders filled in. */
export function shellMessage(
  lang: ShellLang,
  key: ShellMessage,
  values: Record<string, string> = {},
): string {
  return (lang === 'zh' ? zh : en)[key].replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
}
