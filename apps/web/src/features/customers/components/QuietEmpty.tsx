import { Typography } from 'antd';

/** "Nothing here yet" inside a card: one quiet line, so empty cards stay short. */
export function QuietEmpty({ text }: { text: string }) {
  return (
    <Typography.Text type="secondary" style={{ display: 'block', textAlign: 'center', padding: '8px 0' }}>
      {text}
    </Typography.Text>
  );
}
