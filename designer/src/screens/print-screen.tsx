// A document's print template, rendered by the engine (GET …/print/:template)
// and shown on paper-sized sheets: A4, or an 80 mm receipt roll. The toolbar is
// left off the printout (@media print in styles.css). "PDF" downloads the same
// template as a PDF file from the engine (…/print/:template?format=pdf), on the
// paper chosen (&paper=receipt80 for the roll). A receipt template (key
// `receipt` or `…_receipt`) opens on the roll.
import { ArrowLeftOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, Segmented, Space } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { apiResponse } from '../api/client';
import { saveResponse } from '../api/download';
import { useAsync } from '../api/use-async';
import { useI18n } from '../i18n/locale';
import { pathFor } from '../routes';
import { LoadError, Loading } from '../shell/feedback';

type Paper = 'a4' | 'receipt';

const isReceipt = (template: string): boolean => template === 'receipt' || template.endsWith('_receipt');

/** The template's body: its markup only; scripts never run here (the app's CSP allows none inline). */
function bodyOf(html: string): string {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  parsed.querySelectorAll('script').forEach((el) => el.remove());
  const styles = Array.from(parsed.querySelectorAll('style'), (s) => s.outerHTML).join('');
  return styles + parsed.body.innerHTML;
}

export function PrintScreen() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { type = '', id = '', template = '' } = useParams();
  const { message } = App.useApp();
  const [paper, setPaper] = useState<Paper>(isReceipt(template) ? 'receipt' : 'a4');
  const [downloading, setDownloading] = useState(false);
  const url = `/api/documents/${encodeURIComponent(type)}/${encodeURIComponent(id)}/print/${encodeURIComponent(template)}`;
  const page = useAsync(async () => bodyOf(await (await apiResponse('GET', url)).text()), [url]);
  const downloadPdf = async () => {
    setDownloading(true);
    try {
      const size = paper === 'receipt' ? 'receipt80' : 'a4';
      await saveResponse(await apiResponse('GET', `${url}?format=pdf&paper=${size}`), `${id}-${template}.pdf`);
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setDownloading(false);
    }
  };
  return (
    <div className={`print-view paper-${paper}`}>
      <Space className="print-toolbar" wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(pathFor({ name: 'document', type, id }))}>
          {t('back')}
        </Button>
        <Segmented<Paper>
          aria-label={t('paper')}
          value={paper}
          onChange={setPaper}
          options={[
            { value: 'a4', label: 'A4' },
            { value: 'receipt', label: t('receipt80') },
          ]}
        />
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('print')}
        </Button>
        <Button icon={<FilePdfOutlined />} loading={downloading} onClick={() => void downloadPdf()}>
          {t('downloadPdf')}
        </Button>
      </Space>
      {page.error && <LoadError error={page.error} onRetry={page.reload} />}
      {page.loading && <Loading />}
      {page.data && <article className="print-sheet" dangerouslySetInnerHTML={{ __html: page.data }} />}
    </div>
  );
}
