// The palette: one draggable button per field type (click adds at the end, for the
// keyboard and for a phone where dragging is awkward).
import { useDraggable } from '@dnd-kit/core';
import { Button, Card, Typography } from 'antd';
import { useDt } from '../i18n';
import { FIELD_KINDS } from '../model/types';

export type PaletteKind = (typeof FIELD_KINDS)[number];

function PaletteItem({ kind, onAdd }: { kind: PaletteKind; onAdd(kind: PaletteKind): void }) {
  const t = useDt();
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: `palette:${kind}`,
    data: { palette: kind },
  });
  return (
    <Button
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      block
      className={`palette-item${isDragging ? ' is-dragging' : ''}`}
      data-kind={kind}
      onClick={() => onAdd(kind)}
    >
      {t(`kind_${kind}`)}
    </Button>
  );
}

export function PalettePanel({ onAdd }: { onAdd(kind: PaletteKind): void }) {
  const t = useDt();
  return (
    <Card size="small" title={t('palette')} className="designer-palette" role="region" aria-label={t('palette')}>
      <Typography.Paragraph type="secondary" className="palette-hint">
        {t('paletteHint')}
      </Typography.Paragraph>
      <div className="palette-items">
        {FIELD_KINDS.map((kind) => (
          <PaletteItem key={kind} kind={kind} onAdd={onAdd} />
        ))}
      </div>
    </Card>
  );
}
