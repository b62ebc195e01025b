// The selected section: its title in both languages and how many columns its fields
// are laid out in (a field may still set its own width).
import { DeleteOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Segmented } from 'antd';
import { useDt } from '../i18n';
import type { SectionModel } from '../model/layout';

export function SectionPanel({
  section,
  onChange,
}: {
  section: SectionModel;
  onChange(next: SectionModel | null, group?: string): void;
}) {
  const t = useDt();
  return (
    <Card
      size="small"
      title={t('sectionProperties')}
      className="designer-properties"
      role="region"
      aria-label={t('sectionProperties')}
      extra={
        <Button danger size="small" icon={<DeleteOutlined />} onClick={() => onChange(null)}>
          {t('removeSection')}
        </Button>
      }
    >
      <Form layout="vertical" size="small" component="div">
        <Form.Item label={t('sectionTitleZh')} htmlFor="designer-section-zh">
          <Input
            id="designer-section-zh"
            value={section.title['zh-CN']}
            onChange={(e) =>
              onChange({ ...section, title: { ...section.title, 'zh-CN': e.target.value } }, `section:${section.id}`)
            }
          />
        </Form.Item>
        <Form.Item label={t('sectionTitleEn')} htmlFor="designer-section-en">
          <Input
            id="designer-section-en"
            value={section.title.en}
            onChange={(e) =>
              onChange({ ...section, title: { ...section.title, en: e.target.value } }, `section:${section.id}`)
            }
          />
        </Form.Item>
        <Form.Item label={t('sectionColumnsLabel')}>
          <Segmented
            aria-label={t('sectionColumnsLabel')}
            value={section.columns}
            options={[1, 2, 3, 4].map((n) => ({ value: n, label: String(n) }))}
            onChange={(v) => onChange({ ...section, columns: Number(v) })}
          />
        </Form.Item>
      </Form>
    </Card>
  );
}
