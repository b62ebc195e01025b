// The designer area for admins (definitions, form builder, workflow editor).
// Loaded lazily from app.tsx so it stays in its own chunk; this placeholder is
// replaced by the designer itself.
import { Card, Typography } from 'antd';
import { useI18n } from '../i18n/locale';

export default function DesignerArea() {
  const { t } = useI18n();
  return (
    <Card className="designer-area">
      <Typography.Title level={3}>{t('designer')}</Typography.Title>
    </Card>
  );
}
