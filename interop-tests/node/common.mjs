// Helpers shared by the interop scripts. Each script reads the server URL from NATS_URL and its
// request from the JSON file named by its first argument, and writes one JSON object per line to
// stdout, which the Java tests parse.
import { readFileSync } from "node:fs";
import { connect } from "@nats-io/transport-node";

/** Reads the JSON request file named by the first command-line argument. */
export function readRequest() {
  const file = process.argv[2];
  if (!file) {
    throw new Error(`usage: node ${process.argv[1]} REQUEST.json, with NATS_URL set to the server URL`);
  }
  return JSON.parse(readFileSync(file, "utf8"));
}

/** Connects to the server in NATS_URL without reconnecting, so that a lost server ends the script. */
export async function connectFromEnvironment(name) {
  const url = process.env.NATS_URL;
  if (!url) {
    throw new Error("NATS_URL is not set. Set it to the URL of the server, for example nats://127.0.0.1:4222.");
  }
  return connect({ servers: url, name, reconnect: false, timeout: 5000 });
}

/** Writes one event as a line of JSON to stdout. */
export function emit(event) {
  process.stdout.write(JSON.stringify(event) + "\n");
}

/**
 * Exits with status 2 after timeoutMs, so that a script never outlives its test even when the
 * server stops responding. The timer does not keep the process alive by itself.
 */
export function exitAfter(timeoutMs, scriptName) {
  setTimeout(() => {
    emit({ event: "error", message: `${scriptName} timed out: not finished within ${timeoutMs} ms` });
    process.exit(2);
  }, timeoutMs).unref();
}

/** Runs main, reports an error as an event and exit status 1, and always closes the connection. */
export async function run(name, main) {
  let connection;
  try {
    connection = await connectFromEnvironment(name);
    await main(connection);
    emit({ event: "done" });
  } catch (error) {
    emit({ event: "error", message: String(error?.stack ?? error) });
    process.exitCode = 1;
  } finally {
    if (connection) {
      await connection.close();
    }
  }
}

/** Returns the headers as [name, value] pairs in the order received, or null when there are none. */
export function headerPairs(headers) {
  if (!headers) {
    return null;
  }
  const pairs = [];
  for (const [name, values] of headers) {
    for (const value of values) {
      pairs.push([name, value]);
    }
  }
  return pairs;
}
