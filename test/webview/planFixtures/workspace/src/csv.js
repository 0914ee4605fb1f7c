export function parse(text: string): string[][] {
  return text.split("\n").map((l) => l.split(","));
}
