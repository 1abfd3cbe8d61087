package io.github.natsjetstream.opentelemetry;

import io.opentelemetry.context.Context;

/** Message metadata with the context that the span of the message's publish is a child of. */
record ParentContextMetadata(Context context) {
}
