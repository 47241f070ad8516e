import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zh } from './zh';
import { enKeys, flattenKeys, missingKeys, zhKeys } from './keys';

describe('UI texts', () => {
  it('have the same keys in English and Chinese', () => {
    expect(missingKeys()).toEqual({ missingInZh: [], missingInEn: [] });
    expect(enKeys).toEqual(zhKeys);
    expect(enKeys.length).toBeGreaterThan(100);
  });

  it('detects a key missing in one language', () => {
    const broken = { ...en, extra: { only: 'here' } };
    const keys = flattenKeys(broken);
    expect(keys).toContain('extra.only');
    expect(keys.filter((k) => !zhKeys.includes(k))).toEqual(['extra.only']);
  });

  it('has no empty text and the same placeholders in both languages', () => {
    const get = (o: unknown, path: string): string =>
      path.split('.').reduce<unknown>((acc, k) => (acc as Record<string, unknown>)[k], o) as string;
    for (const k of enKeys) {
      const e = get(en, k);
      const z = get(zh, k);
      expect(e.trim(), k).not.toBe('');
      expect(z.trim(), k).not.toBe('');
      const ph = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort();
      expect(ph(z), k).toEqual(ph(e));
    }
  });

  it('uses the glossary terms in Chinese', () => {
    expect(zh.diagram.controlPlane).toBe('控制平面');
    expect(zh.diagram.scheduler).toBe('调度器');
    expect(zh.docker.registry).toBe('镜像仓库');
    expect(zh.action.cordon).toBe('封锁');
    expect(zh.action.drain).toBe('腾空');
  });
});
