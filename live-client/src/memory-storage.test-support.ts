/** A Storage in memory, for tests of what the apps keep in localStorage. */
export function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k: string): string | null => data.get(k) ?? null,
    setItem: (k: string, v: string): void => void data.set(k, v),
    removeItem: (k: string): void => void data.delete(k),
  };
}
