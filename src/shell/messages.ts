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
  errorPrefix: 'error: ',
  whyUsage: 'usage: sim why <pod>',
  whyNoPod: 'pods "{pod}" not found',
  whyNoDecision: 'no scheduling decision recorded for pod {pod} (it was bound directly, or long ago)',
  whyAssigned:
    'Pod {pod} was assigned to {node}: {feasible} of {evaluated} evaluated node(s) fit; highest total score wins (ties broken at random).',
  whyUnschedulable: 'Pod {pod} could not be scheduled: {message}',
  whyNoNodeFits: 'no node fits',
  whyScore: '  {name}  score {total} ({breakdown}){mark}',
  whyChosen: '  <- chosen',
  whyTied: '  (tied)',
  whyFiltered: '  {name}  filtered by {plugin}: {reasons}',
  whyUnlisted: '  ({count} more feasible node(s) with lower scores not listed)',
  whyNotEvaluated:
    '  ({count} other node(s) not evaluated: the search stops once enough feasible nodes are found)',
};

const zh: typeof en = {
  commandNotFound: '{name}：找不到命令\n可用的命令：{names}。输入 help 查看更多。\n',
  helpNoSuch: 'help：没有这个命令：{name}\n',
  helpHeader: '命令：\n',
  helpFooter: '  （| 之后可用的过滤器：{filters}）\n输入 `<命令> --help` 或 `help <命令>` 查看详情。\n',
  errorPrefix: '错误：',
  whyUsage: '用法：sim why <Pod 名称>',
  whyNoPod: '找不到 Pod "{pod}"',
  whyNoDecision: '没有 Pod {pod} 的调度决策记录（它是被直接绑定的，或者决策已过去太久）',
  whyAssigned:
    'Pod {pod} 被调度到 {node}：评估了 {evaluated} 个节点，其中 {feasible} 个满足条件；总分最高者胜出（同分时随机选择）。',
  whyUnschedulable: 'Pod {pod} 无法调度：{message}',
  whyNoNodeFits: '没有满足条件的节点',
  whyScore: '  {name}  得分 {total}（{breakdown}）{mark}',
  whyChosen: '  ← 选中',
  whyTied: '  （同分）',
  whyFiltered: '  {name}  被 {plugin} 过滤：{reasons}',
  whyUnlisted: '  （另有 {count} 个得分较低的可行节点未列出）',
  whyNotEvaluated: '  （另有 {count} 个节点未评估：找到足够的可行节点后，搜索即停止）',
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
