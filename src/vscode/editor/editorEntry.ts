/** The editor review (CodeLens, decorations, fix threads, Open Diff) as its own bundle (`dist/editor.js`). */
export { registerEditor } from './registerEditor';
