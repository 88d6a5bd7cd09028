import { Button, Flex, Typography } from 'antd';
import { useT } from '../i18n/I18nProvider.tsx';

interface Props {
  count: number;
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
  testId?: string;
}

/** The foot of a keyset-paged table: "load more" while there is more, the count once all is shown. */
export function LoadMore({ count, hasMore, loading, onLoadMore, testId = 'load-more' }: Props) {
  const t = useT();
  if (count === 0) return null;
  return (
    <Flex justify="center" align="center" gap={12} style={{ padding: '12px 0 4px' }}>
      {hasMore ? (
        <Button onClick={onLoadMore} loading={loading} data-testid={testId}>
          {t('common.loadMore')}
        </Button>
      ) : (
        <Typography.Text type="secondary">{t('common.allLoaded', { count })}</Typography.Text>
      )}
    </Flex>
  );
}
