/** What `docker build` is asked (Dockerfile, context, tags) and reports (BuildKit vertices, layers), and a stage's state. */
import type { ImageConfig, ImageRecord } from '../runtime/types';

export interface BuildStep {
  /** BuildKit vertex number (`#5`). */
  vertex: number;
  /** `[2/4] RUN npm install` */
  name: string;
  instruction: string;
  cached: boolean;
  durationMs: number;
  /** Layer made by the step (undefined for config-only steps). */
  layer?: string;
  layerSize?: number;
  error?: string;
}

export interface BuildReport {
  ok: boolean;
  tags: string[];
  imageId?: string;
  steps: BuildStep[];
  error?: string;
  finishedAt: number;
}

export interface BuildRequest {
  /** Dockerfile text. */
  dockerfile: string;
  dockerfileName: string;
  /** Build context: relative path → content (the client sends it to the daemon). */
  context: Record<string, string>;
  tags: string[];
  buildArgs: Record<string, string>;
  noCache?: boolean;
  target?: string;
}

export interface StageState {
  name?: string;
  index: number;
  layers: string[];
  config: ImageConfig;
  history: ImageRecord['history'];
  args: Record<string, string>;
  key: string;
  /** Set once a step missed the cache: every later step runs. */
  missed: boolean;
  arch: ImageRecord['architecture'];
  /** The base image's name (the process model picks behaviour by image family). */
  baseName: string;
}
