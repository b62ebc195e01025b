// The document's total as the form stands, before saving (the live preview of
// the computed `total`); the saved figure is the server's.
import { Statistic } from 'antd';
import type { Definition } from '../../api/types';
import { formatMoney } from '../../format';
import { useI18n } from '../../i18n/locale';

export function LiveTotal({ definition, data }: { definition: Definition; data: Record<string, unknown> }) {
  const { t, locale } = useI18n();
  if (!definition.computed?.some((c) => c.field === 'total')) return <span />;
  const total = typeof data.total === 'number' ? data.total : 0;
  return (
    <div className="live-total" aria-live="polite">
      <Statistic title={t('total')} value={formatMoney(total, locale)} prefix="¥" />
    </div>
  );
}
