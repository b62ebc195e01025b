// The form canvas: the fields in form order with the section headers between them,
// one sortable list (dnd-kit, pointer and keyboard: focus a handle, space, arrows,
// space). A field belongs to the section whose header is above it, so dragging a
// field past a header moves it into that section; dragging a header moves the
// section boundary. It is also the drop target for palette items.
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { HolderOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/locale';
import { useDt } from '../i18n';
import { labelOf } from '../model/field-edit';
import { itemId, spanIn, visibleWhenOf, type LayoutItem } from '../model/layout';
import type { FieldModel } from '../model/types';

function Sortable({
  id,
  className,
  handleLabel,
  children,
  data,
}: {
  id: string;
  className: string;
  handleLabel: string;
  children: ReactNode;
  data: Record<string, string>;
}) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id,
  });
  return (
    <div
      ref={setNodeRef}
      style={{ transform: transform ? `translate3d(${transform.x}px, ${transform.y}px, 0)` : undefined, transition }}
      className={`${className}${isDragging ? ' is-dragging' : ''}`}
      {...data}
    >
      <button
        type="button"
        ref={setActivatorNodeRef}
        className="drag-handle"
        aria-label={handleLabel}
        {...attributes}
        {...listeners}
      >
        <HolderOutlined />
      </button>
      {children}
    </div>
  );
}

/** "1/2" for a half-width field: how wide it shows in its section. */
const widthText = (span: number): string =>
  span === 24
    ? ''
    : (({ 12: '1/2', 8: '1/3', 6: '1/4', 16: '2/3', 18: '3/4' } as Record<number, string>)[span] ?? `${span}/24`);

/** Each item with the columns of the section it is in (1 before the first header). */
function placeItems(items: LayoutItem[]): Array<{ item: LayoutItem; columns: number; inSection: boolean }> {
  let columns = 1;
  let inSection = false;
  return items.map((item) => {
    if (item.kind === 'section') {
      columns = item.section.columns;
      inSection = true;
    }
    return { item, columns, inSection };
  });
}

export function Canvas(props: {
  items: LayoutItem[];
  selected: string | null;
  onSelect(id: string): void;
  computedKeys: Set<string>;
  onAddSection(): void;
}) {
  const t = useDt();
  const { pick } = useI18n();
  const { setNodeRef, isOver } = useDroppable({ id: 'canvas' });
  return (
    <Card
      size="small"
      title={t('canvas')}
      className="designer-canvas"
      extra={
        <Button size="small" icon={<PlusOutlined />} onClick={props.onAddSection}>
          {t('addSection')}
        </Button>
      }
    >
      <div ref={setNodeRef} className={`canvas-drop${isOver ? ' is-over' : ''}`} role="list" aria-label={t('canvas')}>
        <SortableContext items={props.items.map(itemId)} strategy={verticalListSortingStrategy}>
          {placeItems(props.items).map(({ item, columns, inSection }) => {
            const id = itemId(item);
            const selected = props.selected === id;
            if (item.kind === 'section') {
              const { section } = item;
              const name = pick(section.title, section.key);
              return (
                <div role="listitem" key={id}>
                  <Sortable
                    id={id}
                    className={`canvas-section${selected ? ' is-selected' : ''}`}
                    handleLabel={t('dragHandle', { name })}
                    data={{ 'data-section': section.key }}
                  >
                    <button
                      type="button"
                      className="canvas-field-body"
                      onClick={() => props.onSelect(id)}
                      aria-pressed={selected}
                      aria-label={`${t('selectSection')} ${name}`}
                    >
                      <span className="canvas-field-label">{name}</span>
                      <span className="canvas-field-meta">
                        <Tag color="geekblue">{t('sectionColumns', { count: section.columns })}</Tag>
                      </span>
                    </button>
                  </Sortable>
                </div>
              );
            }
            const f: FieldModel = item.field;
            const name = pick(labelOf(f), f.key);
            const width = widthText(spanIn(f, columns));
            return (
              <div role="listitem" key={id}>
                <Sortable
                  id={id}
                  className={`canvas-field${inSection ? ' in-section' : ''}${selected ? ' is-selected' : ''}`}
                  handleLabel={t('dragHandle', { name })}
                  data={{ 'data-field': f.key }}
                >
                  <button
                    type="button"
                    className="canvas-field-body"
                    onClick={() => props.onSelect(id)}
                    aria-pressed={selected}
                    aria-label={`${t('selectField')} ${name}`}
                  >
                    <span className="canvas-field-label">
                      {name}
                      {f.required && <span className="required-mark">*</span>}
                    </span>
                    <span className="canvas-field-meta">
                      <code>{f.key}</code>
                      <Tag>{t(`kind_${f.kind}`)}</Tag>
                      {width && <Tag color="cyan">{width}</Tag>}
                      {visibleWhenOf(f) !== undefined && <Tag color="gold">{t('conditional')}</Tag>}
                      {props.computedKeys.has(f.key) && <Tag color="purple">{t('computed')}</Tag>}
                    </span>
                    {f.columns && f.columns.length > 0 && (
                      <span className="canvas-columns">
                        {f.columns.map((c) => (
                          <Tag key={c.id}>{pick(labelOf(c), c.key)}</Tag>
                        ))}
                      </span>
                    )}
                  </button>
                </Sortable>
              </div>
            );
          })}
        </SortableContext>
        {props.items.length === 0 && <Empty description={t('canvasEmpty')} />}
      </div>
    </Card>
  );
}
