export declare const LOCK_FILE: string;
export declare function isDatabaseProcess(pid: number): boolean;
export declare function folderOwner(dir: string): { pid: number; socketPath: string | null } | null;
