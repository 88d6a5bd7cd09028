import { StarFilled } from '@ant-design/icons';

/**
 * Five big star buttons (48 px): antd-mobile's Rate listens to touch only and its stars are small
 * for a gloved thumb. Tapping the chosen star again clears the rating (it is optional).
 */
export function StarRating({
  value,
  onChange,
  label,
}: {
  value: number;
  onChange: (value: number) => void;
  label: string;
}) {
  return (
    <div
      role="radiogroup"
      aria-label={label}
      style={{ display: 'flex', gap: 4 }}
      data-testid="confirm-rating"
    >
      {[1, 2, 3, 4, 5].map((star) => (
        <button
          key={star}
          type="button"
          role="radio"
          aria-checked={value === star}
          aria-label={String(star)}
          onClick={() => onChange(value === star ? 0 : star)}
          style={{
            width: 52,
            height: 52,
            padding: 0,
            fontSize: 36,
            lineHeight: 1,
            color: star <= value ? '#fa8c16' : '#d9dce3',
            background: 'none',
            border: 'none',
          }}
          data-testid={`rating-${star}`}
        >
          <StarFilled />
        </button>
      ))}
    </div>
  );
}
