// A document state as a coloured antd Tag with its definition's label. Palette
// names map to antd's preset colours; anything else is used as a CSS colour.
import { Tag } from 'antd';
import type { Definition } from '../api/types';
import { useI18n } from '../i18n/locale';

const PRESETS: Record<string, string> = { gray: 'default', grey: 'default', default: 'default', yellow: 'gold' };

export function StateBadge({ definition, state }: { definition: Definition; state: string }) {
  const { pick } = useI18n();
  const def = definition.states.find((s) => s.key === state);
  const color = def?.color ?? 'default';
  return (
    <Tag className="state-badge" data-state={state} color={PRESETS[color] ?? color} variant="outlined">
      {pick(def?.label, state)}
    </Tag>
  );
}
