// A typed name → entry registry, one per kind of contribution (alert kinds,
// report kinds, notification channels…). Each engine has its own (create-engine.ts).
export interface NamedRegistry<T> {
  /** Registers an entry; a name already taken is refused so two plugins never silently replace each other. */
  register(name: string, entry: T): void;
  /** Removes an entry (plugin uninstall). */
  unregister(name: string): void;
  get(name: string): T | undefined;
  has(name: string): boolean;
  names(): string[];
}

export function createNamedRegistry<T>(what: string): NamedRegistry<T> {
  const entries = new Map<string, T>();
  return {
    register(name, entry) {
      if (entries.has(name)) throw new Error(`${what} "${name}" is already registered`);
      entries.set(name, entry);
    },
    unregister(name) {
      entries.delete(name);
    },
    get: (name) => entries.get(name),
    has: (name) => entries.has(name),
    names: () => [...entries.keys()],
  };
}
