/** The glob matcher as a bundle of its own (dist/picomatch.js); see lazyPicomatch.ts. */
export { default as picomatch } from 'picomatch';
