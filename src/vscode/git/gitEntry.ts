/** The git working-tree review as its own bundle (`dist/git.js`), loaded by its command's first run. */
export { registerGitReview } from './registerGitReview';
