// A screen that is on its way: named, so navigation and breadcrumbs already work.
import { Card, Typography } from 'antd';
import type { MessageKey } from '../i18n';
import { useI18n } from '../i18n/locale';

export function PlaceholderScreen({ title }: { title: MessageKey }) {
  const { t } = useI18n();
  return (
    <Card>
      <Typography.Title level={3}>{t(title)}</Typography.Title>
    </Card>
  );
}
