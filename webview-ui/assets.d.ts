// esbuild bundles CSS imported for its side effect into <bundle>.css next to the script.
declare module '*.css';
