/**
 * Strings the simulator keeps (names, messages, summaries) are built flat. A template literal or `+` makes a
 * tree of string pieces (V8's cons strings) that lives as long as the string: a kept name or summary would hold
 * several heap objects instead of one, and every one of them is copied by the garbage collector.
 */

/** A template tag: the same text as the plain template literal, as one flat string. */
export function flat(strings: TemplateStringsArray, ...values: unknown[]): string {
  const parts: string[] = [strings[0]!];
  for (let i = 0; i < values.length; i++) parts.push(String(values[i]), strings[i + 1]!);
  return parts.join('');
}

/** `s` as one flat string (a string built by `+` or a template becomes a single copy). */
export function flatten(s: string): string {
  if (s.length < 2) return s;
  return [s.slice(0, 1), s.slice(1)].join('');
}
