import type { StatusClass } from './podStatus';

/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies; icons carry the meaning too. */
export const STATUS_COLOR: Record<StatusClass, string> = {
  Running: '#009E73',
  Pending: '#E69F00',
  ContainerCreating: '#56B4E9',
  CrashLoopBackOff: '#D55E00',
  Terminating: '#999999',
  Completed: '#0072B2',
  Failed: '#CC79A7',
  Error: '#F0E442',
  Other: '#BBBBBB',
};

export const STATUS_ORDER: StatusClass[] = [
  'Running',
  'Pending',
  'ContainerCreating',
  'CrashLoopBackOff',
  'Terminating',
  'Completed',
  'Failed',
  'Error',
];

export const HOP_COLOR: Record<string, string> = {
  request: '#0072B2',
  persist: '#56B4E9',
  watch: '#009E73',
  bind: '#E69F00',
  status: '#CC79A7',
  runtime: '#D55E00',
  pull: '#F0E442',
  probe: '#999999',
  traffic: '#0072B2',
  fault: '#D55E00',
  docker: '#0072B2',
  event: '#999999',
};
