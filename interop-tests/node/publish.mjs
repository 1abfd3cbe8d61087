// Publishes the messages of the request to JetStream, each after the PubAck of the one before.
//
// Request: { "timeoutMs": 20000,
//            "messages": [ { "subject": "...", "body": "<base64>", "headers": [["Name", "value"], ...] } ] }
// "headers": null publishes the message without a header block. Each header pair is appended, so a
// name that appears twice gets two values.
//
// Output: one {"event":"published","stream":...,"sequence":...} line per message, then {"event":"done"}.
import { headers } from "@nats-io/transport-node";
import { jetstream } from "@nats-io/jetstream";
import { emit, exitAfter, readRequest, run } from "./common.mjs";

const request = readRequest();
exitAfter(request.timeoutMs ?? 20000, "publish.mjs");

await run("interop-node-publisher", async (connection) => {
  const js = jetstream(connection);
  for (const message of request.messages) {
    const body = Buffer.from(message.body, "base64");
    const options = {};
    if (message.headers !== null) {
      options.headers = headers();
      for (const [name, value] of message.headers) {
        options.headers.append(name, value);
      }
    }
    const ack = await js.publish(message.subject, body, options);
    emit({ event: "published", stream: ack.stream, sequence: ack.seq });
  }
});
