/**
 * The command table: every top-level command of the command language, in the order `help` lists them.
 */
import type { CommandDef } from '../types';
import { simCommand } from './sim';
import { builtinCommands } from './builtins';
import { kubectl } from '../kubectl/kubectlCommand';
import { docker } from '../docker/dockerCommand';
import { curlCommand, wgetCommand } from './laptopHttp';

export function commandTable(): CommandDef[] {
  return [kubectl, docker, simCommand, ...builtinCommands, curlCommand, wgetCommand];
}
