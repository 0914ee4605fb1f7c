export const TAX_RATE = 0.2;

/** The total a customer pays. */
export function withTax(total: number): number {
  return total + total * TAX_RATE;
}
