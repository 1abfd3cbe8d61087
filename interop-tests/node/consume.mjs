// Pulls messages from a durable pull consumer and acks each one with a confirmed ack (ackAck).
//
// Request: {
//   "stream": "...", "durable": "...",
//   "create": { "filterSubject": "...",             create the durable, with explicit acks unless ackPolicy
//               "ackPolicy": "explicit" } or null,  is "none" or "all", or bind to an existing one (null)
//   "stopAfterMessages": n,                          stop once this script has received n messages, or
//   "stopAtAckFloor": sequence,                      stop once the durable's ack floor reaches this stream sequence
//                                                    and nothing is pending or awaiting an ack
//   "batchSize": 5, "delayMs": 0,                    messages per pull, and a pause per message before its ack
//   "timeoutMs": 30000 }
//
// Output: {"event":"ready"} once the consumer is bound, one {"event":"message",...} line per message
// with the body in base64, then {"event":"done"}.
import { AckPolicy, jetstream, jetstreamManager } from "@nats-io/jetstream";
import { emit, exitAfter, headerPairs, readRequest, run } from "./common.mjs";

const PULL_EXPIRES_MS = 1000;

const request = readRequest();
if ((request.stopAfterMessages === undefined) === (request.stopAtAckFloor === undefined)) {
  throw new Error("consume.mjs needs exactly one of stopAfterMessages and stopAtAckFloor in its request");
}
exitAfter(request.timeoutMs ?? 30000, "consume.mjs");

await run("interop-node-consumer", async (connection) => {
  if (request.create) {
    const manager = await jetstreamManager(connection);
    await manager.consumers.add(request.stream, {
      durable_name: request.durable,
      ack_policy: request.create.ackPolicy ?? AckPolicy.Explicit,
      filter_subject: request.create.filterSubject,
    });
  }
  const consumer = await jetstream(connection).consumers.get(request.stream, request.durable);
  emit({ event: "ready" });

  let received = 0;
  while (!(await finished(consumer, received))) {
    const batch = await consumer.fetch({ max_messages: batchSize(received), expires: PULL_EXPIRES_MS });
    for await (const message of batch) {
      received++;
      await pause(request.delayMs ?? 0);
      const acked = await message.ackAck();
      emit(describe(message, acked));
    }
  }
});

async function finished(consumer, received) {
  if (request.stopAfterMessages !== undefined) {
    return received >= request.stopAfterMessages;
  }
  const info = await consumer.info();
  return info.ack_floor.stream_seq >= request.stopAtAckFloor
    && info.num_pending === 0
    && info.num_ack_pending === 0;
}

/** Returns the size of the next pull request, which never exceeds what stopAfterMessages leaves. */
function batchSize(received) {
  const size = request.batchSize ?? 5;
  if (request.stopAfterMessages === undefined) {
    return size;
  }
  return Math.min(size, request.stopAfterMessages - received);
}

function describe(message, acked) {
  return {
    event: "message",
    subject: message.subject,
    streamSequence: message.seq,
    deliveryCount: message.info.deliveryCount,
    body: Buffer.from(message.data).toString("base64"),
    headers: headerPairs(message.headers),
    acked,
  };
}

function pause(ms) {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
