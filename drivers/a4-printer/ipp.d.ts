// The ipp package ships no type declarations; this is the part of its API used here: its codec
// (serialize, parse) and its registry of status codes. Messages are plain objects keyed by group.
declare module 'ipp' {
  type IppValue = string | number | boolean | readonly (string | number | boolean)[];
  type IppGroup = Record<string, IppValue | undefined>;
  interface IppMessage {
    version?: string;
    operation?: string;
    statusCode?: string;
    id?: number;
    'operation-attributes-tag'?: IppGroup;
    'job-attributes-tag'?: IppGroup;
    'printer-attributes-tag'?: IppGroup;
    data?: Buffer;
  }
  interface IppParsed {
    version: string;
    operation?: string;
    statusCode?: string;
    id: number;
    'operation-attributes-tag'?: Record<string, unknown>;
    'job-attributes-tag'?: Record<string, unknown> | Record<string, unknown>[];
    'printer-attributes-tag'?: Record<string, unknown> | Record<string, unknown>[];
    'unsupported-attributes-tag'?: Record<string, unknown>;
    data?: string;
  }
  interface Parse {
    (buffer: Buffer): IppParsed;
    /** Called for out-of-band values (no-value, unknown, unsupported); the default logs to the console. */
    handleUnknownTag: (tag: number, name: string, length: number, read: (n: number) => string) => unknown;
  }
  const ipp: {
    serialize(message: IppMessage): Buffer;
    parse: Parse;
    statusCodes: Record<string, number> & { lookup: string[] };
  };
  export default ipp;
}
