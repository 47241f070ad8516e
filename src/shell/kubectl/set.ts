/** kubectl set: the sub-verbs that change a pod template (image, env). */
import { setEnv } from './setEnv';
import { setImage } from './setImage';
import type { VerbDef } from './verb';

export const set: VerbDef = {
  name: 'set',
  summary: { en: 'Set specific features on objects', zh: '为对象设置特定功能' },
  usage: 'kubectl set SUBCOMMAND [options]',
  long: 'Configure application resources.\n\n These commands help you make changes to existing application resources.',
  flags: [],
  subcommands: [setEnv, setImage],
};
