import { Flex, Tag, Typography } from 'antd';

/** A customer's tags in their own colours. */
export function CustomerTags({ tags }: { tags: readonly { id: string; name: string; color: string }[] }) {
  if (tags.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex gap={4} wrap>
      {tags.map((tag) => (
        <Tag key={tag.id} color={tag.color} style={{ marginInlineEnd: 0 }}>
          {tag.name}
        </Tag>
      ))}
    </Flex>
  );
}
