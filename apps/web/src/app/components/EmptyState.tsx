import type { ReactNode } from 'react';
import { Empty } from 'antd';

/** The empty state of a table; blank while the first page is still loading. */
export function tableEmpty(loading: boolean, description: ReactNode) {
  return loading ? <span /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description} />;
}
