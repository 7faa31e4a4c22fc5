// Getting files together with their FileSystemFileHandles (Chromium), which a reload can reopen.

type Picker = (o: {
  multiple: boolean;
  types: { description: string; accept: Record<string, string[]> }[];
}) => Promise<FileSystemFileHandle[]>;

export const ARROW_TYPES = {
  'application/vnd.apache.arrow.file': ['.arrow', '.feather', '.ipc'],
  'application/vnd.apache.arrow.stream': ['.arrows'],
};

/** The system picker with handles; null when the browser has none or the user cancelled. */
export async function pickWithHandles(): Promise<{
  files: File[];
  handles: FileSystemFileHandle[];
} | null> {
  const picker = (window as unknown as { showOpenFilePicker?: Picker }).showOpenFilePicker;
  if (!picker) return null;
  try {
    const handles = await picker({
      multiple: true,
      types: [{ description: 'Arrow IPC files', accept: ARROW_TYPES }],
    });
    return { files: await Promise.all(handles.map((h) => h.getFile())), handles };
  } catch {
    return null;
  }
}

type WithHandle = DataTransferItem & {
  getAsFileSystemHandle?: () => Promise<FileSystemHandle | null>;
};

/** Handles of dropped files; must be called during the drop event (the list empties after). */
export function droppedHandles(dt: DataTransfer | null): Promise<FileSystemFileHandle[]> {
  const items = Array.from(dt?.items ?? []).filter((i) => i.kind === 'file') as WithHandle[];
  const pending = items.map((i) => i.getAsFileSystemHandle?.().catch(() => null) ?? null);
  return Promise.all(pending).then((hs) =>
    hs.every((h) => h?.kind === 'file') ? (hs as FileSystemFileHandle[]) : [],
  );
}
