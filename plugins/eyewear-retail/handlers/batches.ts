// Contact lenses are tracked by batch: a goods receipt line for one needs its
// batch and expiry, or the posting is refused naming the line.
import { lines, str, type PluginApi, type PluginEffect } from './types';

export function requireBatch(api: PluginApi): PluginEffect {
  return {
    phase: 'before-commit',
    handler: async ({ store, doc }) => {
      const errors: Array<{ path: string; message: string }> = [];
      for (const [i, line] of lines(doc.data).entries()) {
        const product = await api.documents(store, 'product').findById(String(line.product));
        if (!product || (product.data.eyewearKind !== 'contact_lens' && product.data.tracksBatches !== true)) continue;
        if (!str(line.batch))
          errors.push({
            path: `/lines/${i}/batch`,
            message: '隐形眼镜入库必须填写批号 / a contact-lens receipt needs the batch',
          });
        if (!str(line.expiry))
          errors.push({
            path: `/lines/${i}/expiry`,
            message: '隐形眼镜入库必须填写有效期 / a contact-lens receipt needs the expiry date',
          });
      }
      if (errors.length > 0)
        throw new api.AppError('VALIDATION_FAILED', 'Batch and expiry are required for contact lenses.', { errors });
    },
  };
}
