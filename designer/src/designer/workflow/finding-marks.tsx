// A lint finding shown on the table row it concerns: its text in the UI's language,
// marked as an error when any finding there is one, else as a warning.
import { Tooltip } from 'antd';
import { useI18n } from '../../i18n/locale';
import type { Finding } from '../api';

export function Marks({ list }: { list?: Finding[] }) {
  const { locale } = useI18n();
  if (!list?.length) return null;
  return (
    <Tooltip title={list.map((f) => f.i18n?.[locale] ?? f.message).join('\n')}>
      <span className={`finding-mark is-${list.some((f) => f.severity === 'error') ? 'error' : 'warning'}`} role="note">
        {list.map((f) => f.i18n?.[locale] ?? f.message).join('；')}
      </span>
    </Tooltip>
  );
}
