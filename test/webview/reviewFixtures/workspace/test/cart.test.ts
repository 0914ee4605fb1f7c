import { strict as assert } from 'node:assert';
import { subtotal } from '../src/cart';

describe('cart', () => {
  it('sums prices', () => {
    assert.equal(subtotal([{ name: 'a', price: 2, quantity: 1 }]), 2);
  });

  it('multiplies by quantity', () => {
    assert.equal(subtotal([{ name: 'a', price: 2, quantity: 3 }]), 6);
  });
});
