/**
 * Virtual machines versus containers, side by side, for a lesson. The figures are orders of magnitude, not
 * measurements: they vary by hypervisor, guest OS, image and hardware, and every text says so.
 */
import type { Bilingual } from './bilingual';

export interface Range {
  /** Low and high end of the usual range. */
  low: number;
  high: number;
  unit: 'ms' | 's' | 'MB' | 'GB';
}

export interface IsolationModel {
  kind: 'vm' | 'container';
  title: Bilingual;
  /** The layers from hardware up, bottom first. */
  stack: Bilingual[];
  /** Each VM boots its own guest kernel; containers share the host's kernel. */
  kernel: Bilingual;
  isolation: Bilingual;
  startup: Range;
  /** Memory overhead per instance, on top of the application itself. */
  memoryOverhead: Range;
  imageSize: Range;
  /** How many fit on one ordinary server (order of magnitude). */
  densityPerHost: { low: number; high: number };
}

export const ORDERS_OF_MAGNITUDE_NOTE: Bilingual = {
  en: 'Orders of magnitude only: real figures depend on the hypervisor, the guest OS, the image and the hardware.',
  zh: '仅为数量级：实际数值取决于虚拟机管理程序、客户机操作系统、镜像和硬件。',
};

export const VM_MODEL: IsolationModel = {
  kind: 'vm',
  title: { en: 'Virtual machines', zh: '虚拟机' },
  stack: [
    { en: 'Hardware', zh: '硬件' },
    { en: 'Host operating system / hypervisor', zh: '宿主机操作系统 / 虚拟机管理程序' },
    { en: 'A guest kernel per VM', zh: '每台虚拟机一个客户机内核' },
    { en: 'Guest OS libraries and services per VM', zh: '每台虚拟机自己的操作系统库和服务' },
    { en: 'Application', zh: '应用' },
  ],
  kernel: {
    en: 'Each VM boots its own guest kernel on virtual hardware.',
    zh: '每台虚拟机在虚拟硬件上启动自己的客户机内核。',
  },
  isolation: {
    en: 'Strong isolation by the hypervisor: a separate kernel per VM.',
    zh: '由虚拟机管理程序提供强隔离：每台虚拟机有独立的内核。',
  },
  startup: { low: 10, high: 60, unit: 's' },
  memoryOverhead: { low: 256, high: 1024, unit: 'MB' },
  imageSize: { low: 1, high: 20, unit: 'GB' },
  densityPerHost: { low: 10, high: 50 },
};

export const CONTAINER_MODEL: IsolationModel = {
  kind: 'container',
  title: { en: 'Containers', zh: '容器' },
  stack: [
    { en: 'Hardware', zh: '硬件' },
    { en: 'Host operating system and its one kernel', zh: '宿主机操作系统及其唯一的内核' },
    { en: 'Container runtime (namespaces + cgroups)', zh: '容器运行时（命名空间 + 控制组（cgroup））' },
    { en: 'Image layers: only the libraries the app needs', zh: '镜像层：只包含应用需要的库' },
    { en: 'Application', zh: '应用' },
  ],
  kernel: {
    en: 'All containers share the host kernel; a container is isolated processes.',
    zh: '所有容器共享宿主机内核；容器就是被隔离的进程。',
  },
  isolation: {
    en: 'Process-level isolation by Linux namespaces and cgroups: lighter, but one shared kernel.',
    zh: '由 Linux 命名空间和控制组（cgroup）提供进程级隔离：更轻量，但共享同一个内核。',
  },
  startup: { low: 100, high: 1000, unit: 'ms' },
  memoryOverhead: { low: 1, high: 10, unit: 'MB' },
  imageSize: { low: 5, high: 500, unit: 'MB' },
  densityPerHost: { low: 100, high: 1000 },
};

function toBase(v: number, unit: Range['unit']): number {
  return unit === 's' ? v * 1000 : unit === 'GB' ? v * 1000 : v;
}

/** How many times larger the VM figure is than the container one (order of magnitude, from range midpoints). */
export function ratio(vm: Range, container: Range): number {
  const mid = (r: Range) => Math.sqrt(toBase(r.low, r.unit) * toBase(r.high, r.unit));
  return Math.round(mid(vm) / mid(container));
}

export function formatRange(r: Range): string {
  return `≈ ${r.low}–${r.high} ${r.unit}`;
}

/** The comparison a lesson shows: rows of (aspect, VM, container, factor), labelled as orders of magnitude. */
export function compareVmAndContainer(): {
  note: Bilingual;
  rows: { aspect: Bilingual; vm: string; container: string; factor: number }[];
  vm: IsolationModel;
  container: IsolationModel;
} {
  const vm = VM_MODEL;
  const ct = CONTAINER_MODEL;
  return {
    note: ORDERS_OF_MAGNITUDE_NOTE,
    vm,
    container: ct,
    rows: [
      {
        aspect: { en: 'Start-up time', zh: '启动时间' },
        vm: formatRange(vm.startup),
        container: formatRange(ct.startup),
        factor: ratio(vm.startup, ct.startup),
      },
      {
        aspect: { en: 'Memory overhead per instance', zh: '每个实例的内存开销' },
        vm: formatRange(vm.memoryOverhead),
        container: formatRange(ct.memoryOverhead),
        factor: ratio(vm.memoryOverhead, ct.memoryOverhead),
      },
      {
        aspect: { en: 'Image size', zh: '镜像大小' },
        vm: formatRange(vm.imageSize),
        container: formatRange(ct.imageSize),
        factor: ratio(vm.imageSize, ct.imageSize),
      },
      {
        aspect: { en: 'Instances per host', zh: '每台宿主机的实例数' },
        vm: `≈ ${vm.densityPerHost.low}–${vm.densityPerHost.high}`,
        container: `≈ ${ct.densityPerHost.low}–${ct.densityPerHost.high}`,
        factor: Math.round(
          Math.sqrt(ct.densityPerHost.low * ct.densityPerHost.high) /
            Math.sqrt(vm.densityPerHost.low * vm.densityPerHost.high),
        ),
      },
    ],
  };
}
