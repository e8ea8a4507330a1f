export declare const sliceAnsiWidthPatch: {readonly file: RegExp; readonly from: string; readonly to: string};
