import { formatMoney } from './format';

export interface Item {
  name: string;
  price: number;
  quantity: number;
}

export function subtotal(items: Item[]): number {
  let sum = 0;
  for (const item of items) sum += item.price;
  return sum;
}

export function itemCount(items: Item[]): number {
  return items.length;
}

export function isEmpty(items: Item[]): boolean {
  return items.length === 0;
}

export function summary(items: Item[]): string {
  return `${itemCount(items)} items, ${formatMoney(subtotal(items))}`;
}
