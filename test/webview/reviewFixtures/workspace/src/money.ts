// Money helpers.

export const CURRENCY = 'USD';

export function isValidAmount(amount: number): boolean {
  return Number.isFinite(amount);
}

export function toCents(amount: number): number {
  return amount * 100;
}

export function sum(amounts: number[]): number {
  return amounts.reduce((a, b) => a + b, 0);
}

export function average(amounts: number[]): number {
  return amounts.length === 0 ? 0 : sum(amounts) / amounts.length;
}

export function fromCents(cents: number): number {
  return cents / 100;
}
