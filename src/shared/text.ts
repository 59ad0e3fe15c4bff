/**
 * The search key of a name: lower case, without accents, apostrophes and
 * dashes as spaces, spaces collapsed — so "forli", "Forlì" and "FORLI'"
 * meet, and "Sant'Angelo" is found by "sant angelo".
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’'`´\-/.,]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
