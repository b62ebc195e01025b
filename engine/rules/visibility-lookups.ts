// Which declared lookups a form's show-when rules read (`lookup.NAME` in a
// `visibleWhen` anywhere in the uiSchema). One answer for the engine, which
// evaluates only those for the browser, and the staff app, which asks for them.
export function lookupsNamedByVisibility(uiSchema: unknown, lookupNames: readonly string[]): string[] {
  const rules: unknown[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'visibleWhen') rules.push(value);
      else walk(value);
    }
  };
  walk(uiSchema ?? {});
  const text = JSON.stringify(rules);
  return lookupNames.filter((name) => text.includes(`"lookup.${name}"`));
}
