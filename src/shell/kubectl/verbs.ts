/** The verb table, in the order `kubectl --help` lists them. */
import type { VerbDef } from './verb';
import { get } from './get';
import { describe } from './describe';
import { apply } from './apply';
import { create } from './create';
import { run } from './run';
import { del } from './delete';
import { scale } from './scale';
import { rollout } from './rollout';
import { set } from './set';
import { label } from './label';
import { annotate } from './annotate';
import { taint } from './taint';
import { cordon, uncordon } from './cordon';
import { drain } from './drain';
import { logs } from './logs';
import { exec } from './exec';
import { explain } from './explain';
import { apiResources } from './apiResources';
import { version } from './version';
import { config } from './config';
import { clusterInfo } from './clusterInfo';
import { wait } from './wait';
import { expose } from './expose';
import { portForward } from './portForward';
import './createService';
import './createConfig';
import './createRbac';
import './createNetPolicy';
import { autoscale } from './autoscale';
import { patch } from './patch';
import { replace } from './replace';
import { top } from './top';
import { apiVersions, events, options } from './misc';

export const verbs: VerbDef[] = [
  create,
  expose,
  run,
  set,
  explain,
  get,
  del,
  rollout,
  scale,
  autoscale,
  clusterInfo,
  cordon,
  uncordon,
  drain,
  taint,
  top,
  describe,
  logs,
  exec,
  portForward,
  events,
  apply,
  patch,
  replace,
  wait,
  label,
  annotate,
  apiResources,
  apiVersions,
  config,
  version,
  options,
];
