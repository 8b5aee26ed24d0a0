/**
 * A variant's prompt dimensions (the API's `Variant.dimensions`, a JSON object) as short text, in
 * the object's order: `{ hookStyle: 'question', length: 'short' }` -> `hookStyle: question, length: short`.
 * Anything but a non-empty object gives ''.
 */
export function dimensionsText(dimensions: unknown): string {
  if (typeof dimensions !== 'object' || dimensions === null || Array.isArray(dimensions)) return '';
  return Object.entries(dimensions)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
}
