export function formatMoney(amount: number): string {
  return '$' + amount;
}
