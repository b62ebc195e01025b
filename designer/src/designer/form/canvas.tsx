// The form canvas: the fields in form order, sortable by pointer and by keyboard
// (dnd-kit's keyboard sensor: focus a handle, space, arrows, space), and the drop
// target for palette items.
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { HolderOutlined } from '@ant-design/icons';
import { Card, Empty, Tag } from 'antd';
import { useI18n } from '../../i18n/locale';
import { useDt } from '../i18n';
import { labelOf } from '../model/field-edit';
import type { FieldModel } from '../model/types';

function FieldCard({
  field,
  selected,
  onSelect,
  computed,
}: {
  field: FieldModel;
  selected: boolean;
  onSelect(): void;
  computed: boolean;
}) {
  const t = useDt();
  const { pick } = useI18n();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: field.id,
  });
  const name = pick(labelOf(field), field.key);
  return (
    <div
      ref={setNodeRef}
      style={{ transform: transform ? `translate3d(${transform.x}px, ${transform.y}px, 0)` : undefined, transition }}
      className={`canvas-field${selected ? ' is-selected' : ''}${isDragging ? ' is-dragging' : ''}`}
      data-field={field.key}
    >
      <button
        type="button"
        ref={setActivatorNodeRef}
        className="drag-handle"
        aria-label={t('dragHandle', { name })}
        {...attributes}
        {...listeners}
      >
        <HolderOutlined />
      </button>
      <button
        type="button"
        className="canvas-field-body"
        onClick={onSelect}
        aria-pressed={selected}
        aria-label={`${t('selectField')} ${name}`}
      >
        <span className="canvas-field-label">
          {name}
          {field.required && <span className="required-mark">*</span>}
        </span>
        <span className="canvas-field-meta">
          <code>{field.key}</code>
          <Tag>{t(`kind_${field.kind}`)}</Tag>
          {computed && <Tag color="purple">{t('computed')}</Tag>}
        </span>
        {field.columns && field.columns.length > 0 && (
          <span className="canvas-columns">
            {field.columns.map((c) => (
              <Tag key={c.id}>{pick(labelOf(c), c.key)}</Tag>
            ))}
          </span>
        )}
      </button>
    </div>
  );
}

export function Canvas(props: {
  fields: FieldModel[];
  selected: string | null;
  onSelect(id: string): void;
  computedKeys: Set<string>;
}) {
  const t = useDt();
  const { setNodeRef, isOver } = useDroppable({ id: 'canvas' });
  return (
    <Card size="small" title={t('canvas')} className="designer-canvas">
      <div ref={setNodeRef} className={`canvas-drop${isOver ? ' is-over' : ''}`} role="list" aria-label={t('canvas')}>
        <SortableContext items={props.fields.map((f) => f.id)} strategy={verticalListSortingStrategy}>
          {props.fields.map((f) => (
            <div role="listitem" key={f.id}>
              <FieldCard
                field={f}
                selected={props.selected === f.id}
                onSelect={() => props.onSelect(f.id)}
                computed={props.computedKeys.has(f.key)}
              />
            </div>
          ))}
        </SortableContext>
        {props.fields.length === 0 && <Empty description={t('canvasEmpty')} />}
      </div>
    </Card>
  );
}
