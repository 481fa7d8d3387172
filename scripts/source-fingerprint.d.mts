export declare const projectRoot: string;
export declare const stampFile: string;
export declare function sourceFingerprint(): string;
export declare function builtFingerprint(): string | null;
