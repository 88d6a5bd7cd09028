import type { ReactNode } from 'react';
import { Card, Flex, Table, type TableColumnsType, type TableProps } from 'antd';
import type { CursorList } from '../../api/useCursorList.ts';
import { tableEmpty } from './EmptyState.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';
import { LoadMore } from './LoadMore.tsx';

interface Props<T> {
  list: CursorList<T>;
  columns: TableColumnsType<T>;
  /** Filter controls shown above the table. */
  filters: ReactNode;
  emptyText: ReactNode;
  /** Horizontal scroll width, so narrow screens scroll rather than squash columns. */
  scrollX: number;
  expandable?: TableProps<T>['expandable'];
  /** Inside another card (e.g. a tab): no card of its own. */
  bare?: boolean;
  /** Opens a row's record when anywhere on the row is clicked. */
  onRowClick?: (record: T) => void;
  'data-testid': string;
}

/** The console's list page body: filters, the error if loading failed, the table, and "load more". */
export function CursorTable<T extends { id: string }>({
  list,
  columns,
  filters,
  emptyText,
  scrollX,
  expandable,
  bare = false,
  onRowClick,
  ...rest
}: Props<T>) {
  const body = (
    <>
      <Flex gap={8} wrap style={{ padding: bare ? '12px 0' : 12 }}>
        {filters}
      </Flex>
      <div style={{ padding: bare ? 0 : '0 12px' }}>
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      </div>
      <Table<T>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.items}
        loading={(list.isPending && !list.isError) || list.isPlaceholderData}
        pagination={false}
        sticky={{ offsetHeader: 56 }}
        scroll={{ x: scrollX }}
        expandable={expandable}
        onRow={
          onRowClick
            ? (record) => ({ onClick: () => onRowClick(record), style: { cursor: 'pointer' } })
            : undefined
        }
        locale={{ emptyText: tableEmpty(list.isPending, emptyText) }}
        data-testid={rest['data-testid']}
      />
      <div style={{ paddingBottom: 8 }}>
        <LoadMore
          count={list.items.length}
          hasMore={list.hasNextPage}
          loading={list.isFetchingNextPage}
          onLoadMore={() => void list.fetchNextPage()}
        />
      </div>
    </>
  );
  if (bare) return body;
  return (
    <Card size="small" styles={{ body: { padding: 0 } }}>
      {body}
    </Card>
  );
}
