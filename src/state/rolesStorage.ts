import type { RoleMapping } from '../shared/roles';

const KEY = (fp: string) => `workbench:roles:${fp}`;

/** Role mappings the user confirmed, remembered per dataset fingerprint. */
export function loadSavedRoles(fingerprint: string): RoleMapping | null {
  try {
    const raw = localStorage.getItem(KEY(fingerprint));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as RoleMapping;
    return parsed && Array.isArray(parsed.versions) ? parsed : null;
  } catch {
    return null;
  }
}

export function saveRoles(fingerprint: string, m: RoleMapping): void {
  try {
    localStorage.setItem(KEY(fingerprint), JSON.stringify(m));
  } catch {
    // Storage full or disabled: the mapping still applies for this session.
  }
}

export function forgetRoles(fingerprint: string): void {
  try {
    localStorage.removeItem(KEY(fingerprint));
  } catch {
    /* nothing to forget */
  }
}
