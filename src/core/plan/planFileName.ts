/** Where plans live unless configured otherwise (issue 5: the folder is configurable). */
export const PLANS_FOLDER = '.redline/plans';

const MAX_SLUG = 60;
/** Windows refuses these as file names whatever the extension ("con.md" too). */
const RESERVED = /^(?:con|prn|aux|nul|com\d|lpt\d)$/;

/** A readable file name stem for a title: "Add a CSV parser" → "add-a-csv-parser". */
export function planSlug(title: string): string {
  let slug = title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length > MAX_SLUG) {
    const cut = slug.slice(0, MAX_SLUG);
    const dash = cut.lastIndexOf('-');
    slug = dash > MAX_SLUG / 2 ? cut.slice(0, dash) : cut;
  }
  if (slug === '') return 'plan';
  return RESERVED.test(slug) ? `${slug}-plan` : slug;
}

/**
 * A workspace-relative path for a new plan, unique among `existing` (file names or paths). Names
 * compare case-insensitively, because "Plan.md" and "plan.md" are one file on macOS and Windows.
 */
export function planFileName(title: string, existing: readonly string[], folder: string = PLANS_FOLDER): string {
  const stem = (path: string) => (path.split(/[\\/]/).pop() ?? '').replace(/\.md$/i, '').toLowerCase();
  const taken = new Set(existing.map(stem));
  const slug = planSlug(title);
  let name = slug;
  for (let n = 2; taken.has(name); n++) name = `${slug}-${n}`;
  const base = folder.replace(/\\/g, '/').replace(/\/+$/, '');
  return base === '' ? `${name}.md` : `${base}/${name}.md`;
}
