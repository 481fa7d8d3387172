export declare const sqliteSchemaPath: string;
export declare const postgresSchemaPath: string;
export declare function postgresSchema(source?: string): string;
