/** A variant as submitted in `createExperiment` (after shape validation). */
export interface VariantDefinition {
  name: string;
  isControl: boolean;
  /** Prompt dimensions, e.g. `{ "hookStyle": "question", "tone": "playful", "length": "short" }`. */
  dimensions: unknown;
  /** Share of new posts in (0, 1] under FIXED_ALLOCATION (see `checkTrafficAllocation`); absent: equal split. */
  trafficAllocation?: number | null | undefined;
}

/** Fewest variants an experiment may have (a control and at least one challenger). */
export const MIN_VARIANTS = 2;
/** Most variants an experiment may have (more arms dilute traffic for little gain). */
export const MAX_VARIANTS = 20;

/** True for a plain JSON object (not null, not an array, not a Date or other class instance). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * Checks the variant rules of an experiment: 2..20 variants, exactly one control, names unique
 * (compared trimmed and case-insensitively, so "Question" and "question " clash), dimensions a
 * JSON object.
 *
 * @returns problems keyed by input path (e.g. `input.variants.2.name`); empty when valid
 */
export function checkVariantDefinitions(variants: readonly VariantDefinition[], path = 'input.variants'): Record<string, string> {
  const problems: Record<string, string> = {};
  if (variants.length < MIN_VARIANTS || variants.length > MAX_VARIANTS) {
    problems[path] = `an experiment needs ${MIN_VARIANTS} to ${MAX_VARIANTS} variants, got ${variants.length}`;
  }
  const controls = variants.filter((v) => v.isControl).length;
  if (controls !== 1) problems[path] ??= `exactly one variant must be the control, got ${controls}`;
  const seen = new Set<string>();
  variants.forEach((variant, index) => {
    const key = variant.name.trim().toLowerCase();
    if (seen.has(key)) problems[`${path}.${index}.name`] = `duplicate variant name "${variant.name.trim()}"`;
    seen.add(key);
    if (!isJsonObject(variant.dimensions)) {
      problems[`${path}.${index}.dimensions`] = 'dimensions must be a JSON object, e.g. { "tone": "playful" }';
    }
  });
  return problems;
}
