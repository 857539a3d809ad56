// Test-only: a small protobuf reader for the parts of OTLP's ExportTraceServiceRequest the
// emulator stores (the otlp-transformer package serialises but does not export a request decoder).

/** A decoded OTLP AnyValue as plain JSON (bytes as base64). */
export type AnyValue = string | number | boolean | null | AnyValue[] | { [key: string]: AnyValue };

/** One decoded OTLP span. Ids are lowercase hex; times are ns as bigint. */
export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  startNs: bigint;
  endNs: bigint;
  attributes: Record<string, AnyValue>;
  events: Array<{ name: string; timeNs: bigint; attributes: Record<string, AnyValue> }>;
  status: { code: number; message: string };
}

class Reader {
  pos = 0;
  constructor(readonly bytes: Uint8Array, readonly end = bytes.length) {}

  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.end) throw new Error('truncated varint');
      const byte = this.bytes[this.pos++]!;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 70n) throw new Error('varint too long');
    }
  }

  fixed64(): bigint {
    if (this.pos + 8 > this.end) throw new Error('truncated fixed64');
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.pos, 8);
    this.pos += 8;
    return view.getBigUint64(0, true);
  }

  double(): number {
    if (this.pos + 8 > this.end) throw new Error('truncated double');
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.pos, 8);
    this.pos += 8;
    return view.getFloat64(0, true);
  }

  sub(): Reader {
    const length = Number(this.varint());
    if (this.pos + length > this.end) throw new Error('truncated message');
    const reader = new Reader(this.bytes, this.pos + length);
    reader.pos = this.pos;
    this.pos += length;
    return reader;
  }

  /** Calls `field` for each field; skips unknown ones. */
  each(field: (number: number, wire: number) => boolean): void {
    while (this.pos < this.end) {
      const tag = Number(this.varint());
      const number = tag >>> 3;
      const wire = tag & 7;
      if (number === 0) throw new Error('field number 0');
      if (field(number, wire)) continue;
      if (wire === 0) this.varint();
      else if (wire === 1) this.pos += 8;
      else if (wire === 2) this.sub();
      else if (wire === 5) this.pos += 4;
      else throw new Error(`unsupported wire type ${wire}`);
      if (this.pos > this.end) throw new Error('truncated field');
    }
  }
}

const text = (reader: Reader) => {
  const sub = reader.sub();
  return new TextDecoder('utf-8', { fatal: true }).decode(sub.bytes.subarray(sub.pos, sub.end));
};
const hex = (reader: Reader) => {
  const sub = reader.sub();
  return Buffer.from(sub.bytes.subarray(sub.pos, sub.end)).toString('hex');
};

function anyValue(reader: Reader): AnyValue {
  let value: AnyValue = null;
  reader.each((number, wire) => {
    if (number === 1 && wire === 2) value = text(reader);
    else if (number === 2 && wire === 0) value = reader.varint() !== 0n;
    else if (number === 3 && wire === 0) value = Number(BigInt.asIntN(64, reader.varint()));
    else if (number === 4 && wire === 1) value = reader.double();
    else if (number === 5 && wire === 2) {
      const list: AnyValue[] = [];
      const sub = reader.sub();
      sub.each((n, w) => (n === 1 && w === 2 ? (list.push(anyValue(sub.sub())), true) : false));
      value = list;
    } else if (number === 6 && wire === 2) {
      const sub = reader.sub();
      const object: Record<string, AnyValue> = {};
      sub.each((n, w) => (n === 1 && w === 2 ? (keyValue(sub.sub(), object), true) : false));
      value = object;
    } else if (number === 7 && wire === 2) value = Buffer.from(hex(reader), 'hex').toString('base64');
    else return false;
    return true;
  });
  return value;
}

function keyValue(reader: Reader, into: Record<string, AnyValue>): void {
  let key = '';
  let value: AnyValue = null;
  reader.each((number, wire) => {
    if (number === 1 && wire === 2) key = text(reader);
    else if (number === 2 && wire === 2) value = anyValue(reader.sub());
    else return false;
    return true;
  });
  into[key] = value;
}

function span(reader: Reader): OtlpSpan {
  const out: OtlpSpan = { traceId: '', spanId: '', parentSpanId: '', name: '', startNs: 0n, endNs: 0n, attributes: {}, events: [], status: { code: 0, message: '' } };
  reader.each((number, wire) => {
    if (number === 1 && wire === 2) out.traceId = hex(reader);
    else if (number === 2 && wire === 2) out.spanId = hex(reader);
    else if (number === 4 && wire === 2) out.parentSpanId = hex(reader);
    else if (number === 5 && wire === 2) out.name = text(reader);
    else if (number === 7 && wire === 1) out.startNs = reader.fixed64();
    else if (number === 8 && wire === 1) out.endNs = reader.fixed64();
    else if (number === 9 && wire === 2) keyValue(reader.sub(), out.attributes);
    else if (number === 11 && wire === 2) {
      const sub = reader.sub();
      const event = { name: '', timeNs: 0n, attributes: {} as Record<string, AnyValue> };
      sub.each((n, w) => {
        if (n === 1 && w === 1) event.timeNs = sub.fixed64();
        else if (n === 2 && w === 2) event.name = text(sub);
        else if (n === 3 && w === 2) keyValue(sub.sub(), event.attributes);
        else return false;
        return true;
      });
      out.events.push(event);
    } else if (number === 15 && wire === 2) {
      const sub = reader.sub();
      sub.each((n, w) => {
        if (n === 2 && w === 2) out.status.message = text(sub);
        else if (n === 3 && w === 0) out.status.code = Number(sub.varint());
        else return false;
        return true;
      });
    } else return false;
    return true;
  });
  return out;
}

/**
 * Decodes an ExportTraceServiceRequest into its spans (resource and scope are dropped).
 * Throws on malformed protobuf, as MLflow answers 400 "Invalid OpenTelemetry protobuf format".
 * @example decodeExportTraceRequest(bytes).length // number of spans
 */
export function decodeExportTraceRequest(bytes: Uint8Array): { resourceSpans: number; spans: OtlpSpan[] } {
  const reader = new Reader(bytes);
  const spans: OtlpSpan[] = [];
  let resourceSpans = 0;
  reader.each((number, wire) => {
    if (number !== 1 || wire !== 2) return false;
    resourceSpans += 1;
    const resource = reader.sub();
    resource.each((n, w) => {
      if (n !== 2 || w !== 2) return false;
      const scopeSpans = resource.sub();
      scopeSpans.each((sn, sw) => (sn === 2 && sw === 2 ? (spans.push(span(scopeSpans.sub())), true) : false));
      return true;
    });
    return true;
  });
  return { resourceSpans, spans };
}
