export declare const serverEntry: string;
export declare function ensureBuild(): void;
