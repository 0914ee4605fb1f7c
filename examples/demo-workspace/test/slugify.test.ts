import assert from 'node:assert/strict';
import { test } from 'node:test';
import { slugify } from '../src/slugify.ts';

test('slugify drops accents', () => {
  assert.equal(slugify('Crème brûlée'), 'creme-brulee');
});

test('slugify lower-cases and joins words with dashes', () => {
  assert.equal(slugify('Hello, World!'), 'hello-world');
});

test('slugify trims dashes at both ends', () => {
  assert.equal(slugify('  --Hello--  '), 'hello');
});

test('slugify keeps digits', () => {
  assert.equal(slugify('Top 10 tips'), 'top-10-tips');
});
