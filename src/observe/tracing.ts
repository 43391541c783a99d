import { context, propagation, SpanKind, SpanStatusCode, trace, type Attributes, type Context as TraceContext, type Span } from '@opentelemetry/api';

/**
 * Tracing through @opentelemetry/api alone: until startTracing registers an SDK, its tracer is
 * the API's no-op one, so a span costs next to nothing and nothing is sent anywhere.
 */
const tracer = trace.getTracer('evmap');

export { SpanKind };

/** Runs `fn` in a new active span, a child of the current one; a thrown error marks the span failed. */
export async function withSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => Promise<T>, kind: SpanKind = SpanKind.INTERNAL): Promise<T> {
  return tracer.startActiveSpan(name, { kind, attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Starts a request's server span, continuing the caller's trace when its `traceparent` header carries one. */
export function startServerSpan(name: string, headers: Record<string, string | string[] | undefined>, attributes: Attributes): Span {
  const parent = propagation.extract(context.active(), headers);
  return tracer.startSpan(name, { kind: SpanKind.SERVER, attributes }, parent);
}

/** Runs `fn` with `span` as the active span (or as it is, without one). */
export function withActiveSpan<T>(span: Span | undefined, fn: () => T): T {
  if (!span) return fn();
  const active: TraceContext = trace.setSpan(context.active(), span);
  return context.with(active, fn);
}

export interface Tracing {
  /** Sends the spans still buffered, then stops exporting and unregisters the SDK. */
  shutdown(): Promise<void>;
}

/**
 * Registers the OpenTelemetry SDK: spans go in batches to `${endpoint}/v1/traces` as OTLP over
 * HTTP (JSON), W3C trace context is read from and written to headers, and the async context
 * follows awaits. Loaded only when asked for, so a server without an endpoint never loads it.
 */
export async function startTracing(options: { tracesUrl: string; serviceName: string; serviceVersion: string }): Promise<Tracing> {
  const [{ TracerProvider, BatchSpanProcessor }, { AsyncLocalStorageContextManager }, { W3CTraceContextPropagator }, { resourceFromAttributes }, { OTLPTraceExporter }, semconv] =
    await Promise.all([
      import('@opentelemetry/sdk-trace'),
      import('@opentelemetry/context-async-hooks'),
      import('@opentelemetry/core'),
      import('@opentelemetry/resources'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/semantic-conventions'),
    ]);
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ [semconv.ATTR_SERVICE_NAME]: options.serviceName, [semconv.ATTR_SERVICE_VERSION]: options.serviceVersion }),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: options.tracesUrl }) })],
  });
  trace.setGlobalTracerProvider(provider);
  return {
    shutdown: async () => {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}
