import { useEffect, useRef, type PointerEvent, type RefObject } from 'react';
import type { Point, Stroke } from './signature.ts';

const INK = '#111827';
const INK_WIDTH = 3;

/** Paints the pad white and draws every stroke; the PNG is uploaded as is, so its ground must be opaque. */
function paint(canvas: HTMLCanvasElement, strokes: readonly Stroke[]) {
  const context = canvas.getContext('2d');
  if (!context) return;
  const scale = canvas.width / (canvas.clientWidth || 1);
  context.setTransform(scale, 0, 0, scale, 0, 0);
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.clientWidth, canvas.clientHeight);
  context.strokeStyle = INK;
  context.fillStyle = INK;
  context.lineWidth = INK_WIDTH;
  context.lineCap = 'round';
  context.lineJoin = 'round';
  for (const stroke of strokes) {
    const [first, ...rest] = stroke;
    if (!first) continue;
    context.beginPath();
    context.moveTo(first.x, first.y);
    if (rest.length === 0) context.arc(first.x, first.y, INK_WIDTH / 2, 0, Math.PI * 2);
    for (const point of rest) context.lineTo(point.x, point.y);
    if (rest.length === 0) context.fill();
    else context.stroke();
  }
}

/**
 * A signature pad for finger, stylus and mouse (pointer events; touch-action none keeps the page
 * from scrolling under the finger). The strokes live with the caller, which decides on undo and clear.
 */
export function SignaturePad({
  strokes,
  onChange,
  canvasRef,
  placeholder,
}: {
  strokes: readonly Stroke[];
  onChange: (strokes: Stroke[]) => void;
  canvasRef: RefObject<HTMLCanvasElement | null>;
  placeholder: string;
}) {
  const drawing = useRef<Point[] | null>(null);
  const latest = useRef(strokes);
  latest.current = strokes;

  // Match the bitmap to the element's size at the screen's pixel density, and repaint on resize.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const fit = () => {
      const ratio = Math.min(window.devicePixelRatio || 1, 3);
      canvas.width = Math.round(canvas.clientWidth * ratio);
      canvas.height = Math.round(canvas.clientHeight * ratio);
      paint(canvas, latest.current);
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(canvas);
    return () => observer.disconnect();
  }, [canvasRef]);

  useEffect(() => {
    if (canvasRef.current) paint(canvasRef.current, strokes);
  }, [strokes, canvasRef]);

  const pointOf = (event: PointerEvent<HTMLCanvasElement>): Point => {
    const rect = event.currentTarget.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };

  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>) => {
    // A mouse drag would otherwise select the text around the pad.
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    drawing.current = [pointOf(event)];
    paint(event.currentTarget, [...latest.current, drawing.current]);
  };

  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    const stroke = drawing.current;
    if (!stroke) return;
    const last = stroke[stroke.length - 1]!;
    const point = pointOf(event);
    stroke.push(point);
    const context = event.currentTarget.getContext('2d');
    if (!context) return;
    context.beginPath();
    context.moveTo(last.x, last.y);
    context.lineTo(point.x, point.y);
    context.stroke();
  };

  const onPointerEnd = () => {
    const stroke = drawing.current;
    drawing.current = null;
    if (stroke) onChange([...latest.current, stroke]);
  };

  return (
    <div className="fld-signature">
      <canvas
        ref={canvasRef}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerEnd}
        onPointerCancel={onPointerEnd}
        data-testid="signature-pad"
      />
      {strokes.length === 0 ? <div className="fld-signature-hint">{placeholder}</div> : null}
    </div>
  );
}

/** The pad as a PNG for upload. */
export function signaturePng(canvas: HTMLCanvasElement): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}
