// The files a dataset was opened from, kept as FileSystemFileHandles in IndexedDB (Chromium), so a
// reload can offer to reopen them with one click. Browsers without the File System Access API
// keep nothing here: the page asks for the files again instead.
import { createStore, del, get, set } from 'idb-keyval';

const store = () => createStore('workbench-files', 'handles');
const KEY = (fp: string) => `dataset:${fp}`;

interface HandlePermissions {
  queryPermission?: (d: { mode: 'read' }) => Promise<PermissionState>;
  requestPermission?: (d: { mode: 'read' }) => Promise<PermissionState>;
}

/** True where files can be kept across reloads (Chromium's File System Access API). */
export function canKeepFiles(): boolean {
  return typeof window !== 'undefined' && 'showOpenFilePicker' in window;
}

export async function rememberHandles(
  fingerprint: string,
  handles: FileSystemFileHandle[],
): Promise<void> {
  try {
    await set(KEY(fingerprint), handles, store());
  } catch {
    // Private mode or storage full: reopening will ask for the files instead.
  }
}

export async function handlesFor(fingerprint: string): Promise<FileSystemFileHandle[] | null> {
  try {
    const h = await get<FileSystemFileHandle[]>(KEY(fingerprint), store());
    return Array.isArray(h) && h.length > 0 ? h : null;
  } catch {
    return null;
  }
}

export async function forgetHandles(fingerprint: string): Promise<void> {
  await del(KEY(fingerprint), store()).catch(() => undefined);
}

/** The files behind kept handles; asks for read permission (call from a click). */
export async function filesOf(handles: FileSystemFileHandle[]): Promise<File[]> {
  const files: File[] = [];
  for (const h of handles) {
    const p = h as FileSystemFileHandle & HandlePermissions;
    const state = (await p.queryPermission?.({ mode: 'read' })) ?? 'granted';
    if (state !== 'granted' && (await p.requestPermission?.({ mode: 'read' })) !== 'granted')
      throw new Error(`permission to read ${h.name} was not given`);
    files.push(await h.getFile());
  }
  return files;
}
