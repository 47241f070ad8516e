/** The verb table, in the order `kubectl --help` lists them. */
import type { VerbDef } from './verb';
import { get } from './get';
import { describe } from './describe';
import { apply } from './apply';
import { create } from './create';
import { run } from './run';
import { del } from './delete';

export const verbs: VerbDef[] = [create, run, get, del, describe, apply];
