// A document state with its definition's label and colour. Palette names get a
// class; anything else is treated as a CSS colour.
import type { Definition } from '../api/types';
import { useI18n } from '../i18n/locale';

const PALETTE = new Set(['default', 'gray', 'grey', 'blue', 'cyan', 'green', 'orange', 'red', 'gold', 'purple', 'magenta', 'lime', 'yellow']);

export function StateBadge({ definition, state }: { definition: Definition; state: string }) {
  const { pick } = useI18n();
  const def = definition.states.find((s) => s.key === state);
  const color = def?.color ?? 'default';
  const named = PALETTE.has(color);
  return (
    <span
      className={`state-badge state-${named ? color : 'custom'}`}
      data-state={state}
      ref={(el) => {
        // A custom colour set through the DOM, not a style attribute: the CSP allows no inline styles.
        if (el && !named) el.style.setProperty('--state-color', color);
      }}
    >
      {pick(def?.label, state)}
    </span>
  );
}
