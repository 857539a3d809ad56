import type { Plugin } from 'esbuild';
export declare function modulePerFile(): Plugin;
export declare const sourceFiles: string[];
