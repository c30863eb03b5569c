// The calls a display has already announced, so that a reconnect or a page reload never plays
// them again. The last `limit` call ids, kept in memory and (when given) in localStorage.

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const SEEN_LIMIT = 200;

export class SeenCalls {
  private readonly ids: number[] = [];
  private readonly set = new Set<number>();

  constructor(
    private readonly storage: KeyValueStorage | null = null,
    private readonly key = 'layso.display.announced',
    private readonly limit = SEEN_LIMIT,
  ) {
    for (const id of this.load()) this.remember(id);
  }

  has(callId: number): boolean {
    return this.set.has(callId);
  }

  add(callId: number): void {
    if (this.set.has(callId)) return;
    this.remember(callId);
    this.save();
  }

  /** Oldest first. */
  list(): number[] {
    return [...this.ids];
  }

  private remember(callId: number): void {
    this.ids.push(callId);
    this.set.add(callId);
    while (this.ids.length > this.limit) this.set.delete(this.ids.shift()!);
  }

  private load(): number[] {
    try {
      const raw: unknown = JSON.parse(this.storage?.getItem(this.key) ?? '[]');
      if (!Array.isArray(raw)) return [];
      return raw.filter((x): x is number => Number.isInteger(x) && (x as number) > 0).slice(-this.limit);
    } catch {
      return [];
    }
  }

  private save(): void {
    try {
      this.storage?.setItem(this.key, JSON.stringify(this.ids));
    } catch {
      // A full or disabled storage only costs a possible replay after a reload.
    }
  }
}
