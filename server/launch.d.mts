export declare const serverDir: string;
export declare function serverLaunchArgs(): string[];
export declare function serverSourceArgs(): string[];
export declare function buildServerIfNeeded(): void;
export declare function outdated(output: string, inputs: readonly string[]): boolean;
