/** Opens the sandbox held in the URL hash, or says clearly why it cannot. */
import { getHost } from '../../state/host';
import type { DecodeError } from '../../state/share';
import { useStudio } from '../../state/store';

export const REASON_KEY: Record<DecodeError, string> = {
  checksum: 'share.reasonChecksum',
  format: 'share.reasonFormat',
  version: 'share.reasonVersion',
};

export async function openFromLocation(hash: string = location.hash): Promise<void> {
  if (!hash.startsWith('#s=')) return;
  const { sandboxFromHash } = await import('../../state/share');
  const r = sandboxFromHash(hash);
  if (!r) return;
  const st = useStudio.getState();
  if (!r.ok) {
    st.notify('error', 'share.badLink', { reason: REASON_KEY[r.error] });
    return;
  }
  const host = getHost();
  if (!host) return;
  st.setFiles(r.sandbox.files.length ? r.sandbox.files : st.editor.files, r.sandbox.activeFile);
  host.load(r.sandbox);
  st.notify('info', 'share.loaded', { count: r.sandbox.commands.length });
}
