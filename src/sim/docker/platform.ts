/** Docker's platform strings (`linux/amd64`, `linux/arm64/v8`) and the simulator's architectures. */
import type { Arch } from '../runtime/types';

/** Parses `--platform linux/arm64` (or `arm64`); undefined when not a known platform. */
export function parsePlatform(text: string): Arch | undefined {
  const t = text.replace(/^linux\//, '').replace(/\/v8$/, '');
  if (t === 'amd64' || t === 'x86_64') return 'amd64';
  if (t === 'arm64' || t === 'aarch64') return 'arm64';
  return undefined;
}

export function platformText(arch: Arch): string {
  return arch === 'arm64' ? 'linux/arm64/v8' : 'linux/amd64';
}
