/**
 * The command table: every top-level command of the command language.
 */
import type { CommandDef } from '../types';
import type { Session } from '../session';
import { simCommand } from './sim';
import { builtinCommands } from './builtins';
import { kubectl } from '../kubectl/kubectlCommand';
import { docker } from '../docker/dockerCommand';
import { curlCommand, wgetCommand } from './laptopHttp';

export function allCommands(session: Session): CommandDef[] {
  return [kubectl, docker, simCommand(session), ...builtinCommands(session), curlCommand, wgetCommand];
}
