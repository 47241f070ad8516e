/**
 * The plugin registry and the default profile (K:pkg/scheduler/apis/config/v1/default_plugins.go): filters in
 * the real order, score plugins with the real default weights. Volume plugins (VolumeRestrictions,
 * NodeVolumeLimits, VolumeBinding, VolumeZone) are not simulated.
 */
import type { FilterPlugin, ScorePlugin } from './types';
import { nodeUnschedulable } from './plugins/nodeUnschedulable';
import { nodeName } from './plugins/nodeName';
import { taintTolerationFilter, taintTolerationScore } from './plugins/taintToleration';
import { nodeAffinityFilter, nodeAffinityScore } from './plugins/nodeAffinity';
import { nodePorts } from './plugins/nodePorts';
import { nodeResourcesFitFilter, nodeResourcesFitScore } from './plugins/nodeResourcesFit';
import { podTopologySpreadFilter, podTopologySpreadScore } from './plugins/podTopologySpread';
import { interPodAffinityFilter, interPodAffinityScore } from './plugins/interPodAffinity';
import { nodeResourcesBalancedAllocation } from './plugins/nodeResourcesBalancedAllocation';
import { imageLocality } from './plugins/imageLocality';

// Plugin state types differ per plugin; the framework only passes each plugin its own state back.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyFilterPlugin = FilterPlugin<any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyScorePlugin = ScorePlugin<any>;

export interface PluginEntry {
  filter?: AnyFilterPlugin;
  score?: AnyScorePlugin;
}

/** Every plugin the simulator knows, by name. */
export const registry: ReadonlyMap<string, PluginEntry> = new Map<string, PluginEntry>([
  ['NodeUnschedulable', { filter: nodeUnschedulable }],
  ['NodeName', { filter: nodeName }],
  ['TaintToleration', { filter: taintTolerationFilter, score: taintTolerationScore }],
  ['NodeAffinity', { filter: nodeAffinityFilter, score: nodeAffinityScore }],
  ['NodePorts', { filter: nodePorts }],
  ['NodeResourcesFit', { filter: nodeResourcesFitFilter, score: nodeResourcesFitScore }],
  ['PodTopologySpread', { filter: podTopologySpreadFilter, score: podTopologySpreadScore }],
  ['InterPodAffinity', { filter: interPodAffinityFilter, score: interPodAffinityScore }],
  ['NodeResourcesBalancedAllocation', { score: nodeResourcesBalancedAllocation }],
  ['ImageLocality', { score: imageLocality }],
]);

export interface Profile {
  /** Filter plugin names, in the order they run. */
  filters: string[];
  /** Score plugin names with their weights, in the order they run. */
  scores: { name: string; weight: number }[];
}

/** The default-scheduler profile. */
export const DEFAULT_PROFILE: Profile = {
  filters: [
    'NodeUnschedulable',
    'NodeName',
    'TaintToleration',
    'NodeAffinity',
    'NodePorts',
    'NodeResourcesFit',
    'PodTopologySpread',
    'InterPodAffinity',
  ],
  scores: [
    { name: 'TaintToleration', weight: 3 },
    { name: 'NodeAffinity', weight: 2 },
    { name: 'NodeResourcesFit', weight: 1 },
    { name: 'PodTopologySpread', weight: 2 },
    { name: 'InterPodAffinity', weight: 2 },
    { name: 'NodeResourcesBalancedAllocation', weight: 1 },
    { name: 'ImageLocality', weight: 1 },
  ],
};
