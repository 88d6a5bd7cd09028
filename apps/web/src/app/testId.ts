/**
 * `data-testid` for props objects that do not declare data attributes (e.g. a Modal's `okButtonProps`);
 * antd passes them through to the DOM element.
 */
export function testId(id: string): object {
  return { 'data-testid': id };
}
