// Lint findings for the draft, refreshed shortly after the admin stops editing.
import { useEffect, useState } from 'react';
import { lint, type Finding } from './api';

export function useLint(definition: object, delayMs = 500): Finding[] {
  const [findings, setFindings] = useState<Finding[]>([]);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      lint(definition).then(
        (found) => current && setFindings(found),
        // A draft the engine cannot even read has its problem shown on the Publish tab.
        () => current && setFindings([]),
      );
    }, delayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [definition, delayMs]);
  return findings;
}

/** Findings at `/states/2…` or `/transitions/0…`, by index. */
export function findingsAt(findings: Finding[], list: 'states' | 'transitions'): Map<number, Finding[]> {
  const out = new Map<number, Finding[]>();
  for (const f of findings) {
    const m = new RegExp(`^/${list}/(\\d+)`).exec(f.path);
    if (!m) continue;
    const i = Number(m[1]);
    out.set(i, [...(out.get(i) ?? []), f]);
  }
  return out;
}
